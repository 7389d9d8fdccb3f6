import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTune, firstTune, tuneMidi, tuneNotes } from './abc';

const TEST_TUNE = `X: 1
T:Test Reel
M:4/4
L:1/8
K:G
D2|"G"G2B2 d2B2|"C"c2e2 "D7"d2A2|"G"B2G2 "D"A2F2|"G"G6:|`;

describe('ABC tunes', () => {
  it('a well-formed tune with a pickup is valid', () => {
    assert.deepEqual(checkTune(TEST_TUNE), { valid: true, problems: [], title: 'Test Reel' });
  });

  it('reports a missing header and a bar that does not fit the meter', () => {
    const check = checkTune(
      TEST_TUNE.replace('M:4/4\n', 'M:4/4\n').replace('T:Test Reel\n', '').replace('"C"c2e2', '"C"c2e2e2'),
    );
    assert.equal(check.valid, false);
    assert.ok(check.problems.includes('no T: header'), check.problems.join('; '));
    assert.ok(
      check.problems.some((p) => p.startsWith('bar 3 holds 5 of 4 beats')),
      check.problems.join('; '),
    );
  });

  it('counts triplets at their played length and follows a change of meter', () => {
    assert.equal(checkTune(TEST_TUNE.replace('"G"G2B2 d2B2', '"G"G2B2 (3dcB d2')).valid, true);
    assert.equal(checkTune(`${TEST_TUNE}\nM:3/4\n|:"G"G2B2d2|"D"A6:|`).valid, true);
  });

  it('drops the Nottingham Y: line, which abcjs would read as music', () => {
    const withY = TEST_TUNE.replace('K:G', 'Y:AB\nK:G');
    assert.equal(checkTune(withY).valid, false);
    assert.equal(checkTune(firstTune(`${withY}\n\nX: 2\n`)).valid, true);
  });

  it('gives melody and chord notes and a MIDI file', () => {
    const notes = tuneNotes(TEST_TUNE, 120);
    assert.ok(notes.some((n) => n.track === 0) && notes.some((n) => n.track === 1), 'melody and chords');
    const first = notes.filter((n) => n.track === 0).sort((a, b) => a.start - b.start)[0];
    assert.equal(first.pitch, 62); // D above middle C
    assert.equal(first.duration, 0.5); // a quarter note at 120 quarter notes a minute
    const midi = tuneMidi(TEST_TUNE, 120);
    assert.equal(String.fromCharCode(...midi.subarray(0, 4)), 'MThd');
  });
});

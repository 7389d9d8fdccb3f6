import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { fitToSize, headerProblem, readImageHeader, sizeForShortSide } from './image-header';

function png(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const chunk = (type: string, data: Buffer) =>
    Buffer.concat([Buffer.alloc(4, 0), Buffer.from(type), data, Buffer.alloc(4)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1))),
  ]);
}

function jpeg(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]);
}

describe('image headers', () => {
  it('read PNG and JPEG sizes without decoding', () => {
    assert.deepEqual(readImageHeader(png(640, 480)), { format: 'png', width: 640, height: 480 });
    assert.deepEqual(readImageHeader(jpeg(4000, 3000)), { format: 'jpeg', width: 4000, height: 3000 });
  });

  it('refuse text, truncated files and images over 50 megapixels, with the file name in the message', () => {
    assert.equal(readImageHeader(new TextEncoder().encode('hello, not an image')), null);
    assert.match(
      headerProblem(readImageHeader(new Uint8Array([0xff, 0xd8, 0xff])), 'broken.jpg') ?? '',
      /"broken.jpg" is not an image/,
    );
    assert.match(headerProblem(readImageHeader(jpeg(10000, 6000)), 'huge.jpg') ?? '', /60 megapixels\), over the 50/);
    assert.equal(headerProblem(readImageHeader(png(7000, 7000)), 'ok.png'), null);
  });

  it('fit images to the working size by their long side', () => {
    assert.deepEqual(fitToSize(1000, 500, 128), { width: 128, height: 64 });
    assert.deepEqual(fitToSize(300, 600, 512), { width: 256, height: 512 });
  });

  it('raise the working size of a thin image until its short side reaches the minimum, within a cap', () => {
    assert.equal(sizeForShortSide(640, 480, 128, 75, 1024), 128); // already wide enough
    const raised = sizeForShortSide(1865, 880, 128, 75, 1024)!; // the panorama: 128 x 60 at size 128
    assert.ok(raised > 128);
    assert.ok(Math.min(...Object.values(fitToSize(1865, 880, raised))) >= 75);
    assert.ok(Math.min(...Object.values(fitToSize(1865, 880, raised - 1))) < 75); // the least that does
    assert.equal(sizeForShortSide(2000, 100, 128, 75, 1024), null); // 20:1 would need 1500 px
  });
});

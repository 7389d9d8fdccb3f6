// `npm run train -- <model> [args]`: runs models/<model>/train.py with Debian's python3 (the one that
// imports torch), niced so the machine stays usable. Training resumes from its checkpoint by itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [model, ...rest] = process.argv.slice(2);
const script = model && join(root, 'models', model, 'train.py');
if (!script || !existsSync(script)) {
  console.error(`usage: npm run train -- <model> [training args]\n(models with a train.py: dcgan-faces, vae, charrnn)`);
  process.exit(2);
}
const python = ['/usr/bin/python3', 'python3'].find(
  (p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
);
if (!python) {
  console.error(
    'No python3 with torch found. Install: apt-get install -y python3-torch python3-torchvision python3-pil python3-numpy libopenblas0-pthread',
  );
  process.exit(2);
}
const r = spawnSync('nice', ['-n', '19', python, script, ...rest], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);

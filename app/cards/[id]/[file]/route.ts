// The pictures model cards show (models/<id>/grid.jpg, samples.png, ...), served to /about. Only image files in
// the folder of a card the studio ships; names are checked before any path is built.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CARD_IDS } from '@/lib/cards';

interface Context {
  params: Promise<{ id: string; file: string }>;
}

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg' };

export async function GET(_req: Request, { params }: Context): Promise<Response> {
  const { id, file } = await params;
  const ext = /^[a-z0-9-]+\.(png|jpg)$/.exec(file)?.[1];
  if (!CARD_IDS.includes(id) || !ext) return new Response('No such card picture.', { status: 404 });
  try {
    const bytes = await readFile(join(process.cwd(), 'models', id, file));
    return new Response(new Uint8Array(bytes), {
      headers: { 'content-type': TYPES[ext], 'cache-control': 'public, max-age=3600' },
    });
  } catch {
    return new Response('No such card picture.', { status: 404 });
  }
}

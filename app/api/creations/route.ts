// POST /api/creations: store a creation (multipart: recipe, title, public, output, input-<slot>, text).
// GET  /api/creations?before=<cursor>: the public gallery, newest first.
import { answer, notAllowed, rateLimited, readForm } from '@/server/http';
import { sharingServer } from '@/server/instance';
import { publicView } from './view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(req: Request): Promise<Response> {
  return answer(req, async () => {
    const limited = await rateLimited(req);
    if (limited) return limited;
    const { config, creations } = await sharingServer();
    const created = await creations.create(await readForm(req, config.maxUploadBytes));
    return Response.json(
      { ...created, url: `/c/${created.id}` },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  });
}

export function GET(req: Request): Promise<Response> {
  return answer(req, async () => {
    const { creations } = await sharingServer();
    const page = await creations.gallery(new URL(req.url).searchParams.get('before'));
    return Response.json(
      { items: page.items.map(publicView), next: page.next },
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}

const refused = notAllowed('GET', 'POST');
export const PUT = refused;
export const PATCH = refused;
export const DELETE = refused;

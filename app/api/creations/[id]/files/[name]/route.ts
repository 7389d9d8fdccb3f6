// GET /api/creations/<id>/files/<output|thumb|input-N|model>: a stored image, or a text creation's own model. A
// creation never changes, but it can be deleted: caches keep a file for a minute at most, and this route answers 404
// at once.
import { answer, jsonError, notAllowed } from '@/server/http';
import { sharingServer } from '@/server/instance';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(req: Request, { params }: { params: Promise<{ id: string; name: string }> }): Promise<Response> {
  return answer(req, async () => {
    const { id, name } = await params;
    const { creations } = await sharingServer();
    const found = await creations.file(id, name);
    if (!found) return jsonError(404, 'This file is not here (the creation may have been deleted).');
    return new Response(found.body, {
      headers: {
        'content-type': found.file.type,
        'content-length': String(found.file.bytes),
        'cache-control': 'public, max-age=60',
        'content-disposition': 'inline',
      },
    });
  });
}

const refused = notAllowed('GET');
export const POST = refused;
export const PUT = refused;
export const PATCH = refused;
export const DELETE = refused;

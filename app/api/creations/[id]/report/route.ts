// POST /api/creations/<id>/report: one report per client; enough reports take it out of the gallery.
import { answer, clientOf, jsonError, notAllowed, rateLimited } from '@/server/http';
import { sharingServer } from '@/server/instance';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return answer(req, async () => {
    const limited = await rateLimited(req);
    if (limited) return limited;
    const { creations } = await sharingServer();
    const reports = await creations.report((await params).id, clientOf(req));
    return reports === null
      ? jsonError(404, 'There is no shared creation at this address.')
      : Response.json({ reported: true });
  });
}

const refused = notAllowed('POST');
export const GET = refused;
export const PUT = refused;
export const PATCH = refused;
export const DELETE = refused;

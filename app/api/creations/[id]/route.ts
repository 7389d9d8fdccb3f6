// GET /api/creations/<id>: the creation. DELETE (Authorization: Bearer <delete token>): remove it.
// PATCH {"listed": boolean} with the same token: list it in the gallery or take it out.
import { answer, jsonError, notAllowed, rateLimited, readJson } from '@/server/http';
import { sharingServer } from '@/server/instance';
import type { CreationService } from '@/server/creations';
import type { CreationRecord } from '@/server/types';
import { publicView } from '../view';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ id: string }>;
}

export function GET(req: Request, { params }: Context): Promise<Response> {
  return answer(req, async () => {
    const { creations } = await sharingServer();
    const record = await creations.get((await params).id);
    return record
      ? Response.json(publicView(record), { headers: { 'cache-control': 'no-store' } })
      : jsonError(404, 'There is no shared creation at this address (it may have been deleted).');
  });
}

type Authorised = { refusal: Response } | { creations: CreationService; record: CreationRecord };

/** The creation, if the request carries its delete token; otherwise the answer to send. */
async function authorised(req: Request, id: string): Promise<Authorised> {
  const limited = await rateLimited(req);
  if (limited) return { refusal: limited };
  const { creations } = await sharingServer();
  const record = await creations.get(id);
  if (!record)
    return { refusal: jsonError(404, 'There is no shared creation at this address (it may have been deleted).') };
  const token = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!token || !creations.authorises(record, token))
    return { refusal: jsonError(403, 'Only the browser that shared this creation can change it.') };
  return { creations, record };
}

export function DELETE(req: Request, { params }: Context): Promise<Response> {
  return answer(req, async () => {
    const auth = await authorised(req, (await params).id);
    if ('refusal' in auth) return auth.refusal;
    await auth.creations.remove(auth.record.id);
    return new Response(null, { status: 204 });
  });
}

export function PATCH(req: Request, { params }: Context): Promise<Response> {
  return answer(req, async () => {
    const auth = await authorised(req, (await params).id);
    if ('refusal' in auth) return auth.refusal;
    const body = (await readJson(req)) as { listed?: unknown } | null;
    if (typeof body?.listed !== 'boolean') return jsonError(400, 'Send {"listed": true} or {"listed": false}.');
    await auth.creations.setListed(auth.record.id, body.listed);
    return Response.json({ listed: body.listed });
  });
}

const refused = notAllowed('GET', 'DELETE', 'PATCH');
export const POST = refused;
export const PUT = refused;

// GET /api/health: for a load balancer or an orchestrator. 200 when this process can reach its database and its
// file store (each within 3 s), else 503 naming which cannot be reached; never cached.
import { notAllowed } from '@/server/http';
import { sharingServer } from '@/server/instance';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  let health;
  try {
    health = await (await sharingServer()).creations.health(3000);
  } catch (e) {
    // The store did not start (a database that refuses connections at start-up, a bad setting).
    console.error('[sharing] health:', e);
    return Response.json({ ok: false, error: 'The sharing store could not start.' }, { status: 503, headers });
  }
  const ok = health.database && health.files;
  return Response.json({ ok, ...health }, { status: ok ? 200 : 503, headers });
}

const refused = notAllowed('GET');
export const POST = refused;
export const PUT = refused;
export const PATCH = refused;
export const DELETE = refused;

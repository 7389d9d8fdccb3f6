// The engine's Worker: tfjs, the models and every loop run here, off the page's main thread. Frames' bitmaps are
// transferred to the page, not copied (the engine closes its handle after sending, a no-op once transferred).
import { Engine } from './engine';
import type { FromEngine, ToEngine } from './protocol';

const transferOf = (message: FromEngine): Transferable[] =>
  (message.type === 'frame' || message.type === 'done') && message.frame.image ? [message.frame.image] : [];

const engine = new Engine((message) => self.postMessage(message, { transfer: transferOf(message) }));
self.onmessage = (event: MessageEvent<ToEngine>) => engine.handle(event.data);

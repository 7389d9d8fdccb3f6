// How the page reaches its engine: a dedicated module Worker (lib/engine/worker.ts). Messages cross as structured
// clones; frames' bitmaps are transferred. Nothing here imports tfjs: it loads in the Worker only.
import type { FromEngine, ToEngine } from './protocol';

export interface EngineTransport {
  post(message: ToEngine): void;
  /** `onMessage` gets the engine's messages; `onCrash` a readable reason once the engine is gone. */
  listen(onMessage: (message: FromEngine) => void, onCrash: (reason: string) => void): void;
  close(): void;
}

export function workerTransport(): EngineTransport {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'atelier-engine' });
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onCrash) {
      worker.onmessage = (event: MessageEvent<FromEngine>) => onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onCrash(`The engine stopped (${event.message || 'the Worker crashed, perhaps out of memory'}).`);
      };
      worker.onmessageerror = () => onCrash('The engine sent a message the page could not read.');
    },
    close: () => worker.terminate(),
  };
}

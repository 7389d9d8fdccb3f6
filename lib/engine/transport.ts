// How the page reaches its engine. For now the engine runs in the page, but every message crosses as a
// structuredClone, as it would to a Worker: a plan or frame that a Worker could not receive fails here too.
import { Engine } from './engine';
import type { FromEngine, ToEngine } from './protocol';

export interface EngineTransport {
  post(message: ToEngine): void;
  listen(listener: (message: FromEngine) => void): void;
}

export function inPageTransport(): EngineTransport {
  let listener: (message: FromEngine) => void = () => undefined;
  // Replies arrive as a task, the way a Worker's messages do, never inside the call that caused them.
  const engine = new Engine((message) => {
    const copy = structuredClone(message);
    setTimeout(() => listener(copy), 0);
  });
  return {
    post(message) {
      const copy = structuredClone(message);
      setTimeout(() => engine.handle(copy), 0);
    },
    listen(l) {
      listener = l;
    },
  };
}

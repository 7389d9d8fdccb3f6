/**
 * Compiling a run's GPU programs before its first step. tfjs compiles a shader the first time it meets an op at a
 * shape, one after another inside the step that needs it, so a first dream step on WebGPU takes many times longer
 * than the next. In compile-only mode (WebGPU and WebGL) ops compile without running, WebGPU creating its pipelines
 * in parallel; nothing can be read back meanwhile, so a warm-up (models/deepdream/run.ts, models/style/run.ts)
 * only makes tensors of the run's shapes.
 */
import * as tf from '@tensorflow/tfjs';

const COMPILE_ONLY_FLAG: Record<string, string> = { webgpu: 'WEBGPU_ENGINE_COMPILE_ONLY', webgl: 'ENGINE_COMPILE_ONLY' };

/** Whether the backend compiles programs per shape (the GPU backends); wasm and cpu have nothing to warm. */
export const compilesPrograms = (backend: string): boolean => backend in COMPILE_ONLY_FLAG;

interface CompilingBackend {
  checkCompileCompletionAsync(): Promise<void>;
  /** WebGL: where each compiled program's uniforms live, looked up once compilation is complete. */
  getUniformLocations?(): void;
}

/** Runs `work` in compile-only mode and waits until every program it met is compiled; frees what it made. */
export async function compileOnly(work: () => void): Promise<void> {
  const flag = COMPILE_ONLY_FLAG[tf.getBackend()];
  if (!flag) return;
  tf.env().set(flag, true);
  try {
    tf.tidy(work);
  } finally {
    tf.env().set(flag, false);
  }
  const backend = tf.backend() as unknown as CompilingBackend;
  await backend.checkCompileCompletionAsync();
  backend.getUniformLocations?.();
}

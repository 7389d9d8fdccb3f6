/**
 * Compiling a run's GPU programs before its first step. tfjs compiles a shader the first time it meets an op at a
 * shape, one after another inside the step that needs it, so a first dream step on WebGPU takes many times longer
 * than the next. In compile-only mode (WebGPU and WebGL) ops compile without running, WebGPU creating its pipelines
 * in parallel; nothing can be read back meanwhile, so a warm-up (models/deepdream/run.ts, models/style/run.ts)
 * only makes tensors of the run's shapes.
 */
import * as tf from '@tensorflow/tfjs';

const COMPILE_ONLY_FLAG: Record<string, string> = {
  webgpu: 'WEBGPU_ENGINE_COMPILE_ONLY',
  webgl: 'ENGINE_COMPILE_ONLY',
};

/** What tfjs's WebGPU backend keeps of its adapter's description. */
interface WebGpuAdapterInfo {
  adapterInfo?: { architecture?: string };
}

/**
 * Whether a warm-up pays on the current backend. The GPU backends compile programs per shape; wasm and cpu have
 * nothing to warm. WebGPU on SwiftShader (Chrome's software adapter, where there is no GPU) is the exception: there
 * creating the pipelines ahead made the first step slower, not faster (`npm run bench -- responsiveness`: 18.2 s
 * with, 11.9 s without, docs/ARCHITECTURE.md), while WebGL there gained (12.7 s with, 18.3 s without).
 */
export function warmUpPays(): boolean {
  const name = tf.getBackend();
  if (!(name in COMPILE_ONLY_FLAG)) return false;
  return !(
    name === 'webgpu' && (tf.backend() as unknown as WebGpuAdapterInfo).adapterInfo?.architecture === 'swiftshader'
  );
}

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

// A plan's runner, by kind. Each runner frees every tensor it made before it returns (the engine reports its
// tensor count after every run, and the e2e tests compare counts from run to run).
import type { RunContext } from './context';
import type { Frame, Plan } from '../protocol';
import { runBench } from './bench';
import { runDream, runDreamFullSize, runDreamZoom } from './dream';
import { runFaces, runLatentDecode, runLatentEncode, runPicture } from './decode';
import { runDenoise, runDigitLayers, runFeatureVis, runSeeClass } from './lab';
import { runStyle } from './style';
import { runLstmRead, runText } from './text';
import { runCharRNNTrain } from './train';

export function runPlan(context: RunContext, plan: Plan): Promise<Frame> {
  switch (plan.kind) {
    case 'faces':
      return runFaces(context, plan);
    case 'latent-decode':
      return runLatentDecode(context, plan);
    case 'latent-encode':
      return runLatentEncode(context, plan);
    case 'picture':
      return runPicture(plan);
    case 'dream':
      return runDream(context, plan);
    case 'dream-zoom':
      return runDreamZoom(context, plan);
    case 'dream-full-size':
      return runDreamFullSize(plan);
    case 'style':
      return runStyle(context, plan);
    case 'text':
      return runText(context, plan);
    case 'lstm-read':
      return runLstmRead(context, plan);
    case 'digit-layers':
      return runDigitLayers(context, plan);
    case 'see-class':
      return runSeeClass(context, plan);
    case 'denoise':
      return runDenoise(context, plan);
    case 'feature-vis':
      return runFeatureVis(context, plan);
    case 'charrnn-train':
      return runCharRNNTrain(context, plan);
    case 'bench':
      return runBench(plan);
  }
}

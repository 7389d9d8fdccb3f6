'use client';
import { type RefObject, useState } from 'react';
import { receptiveField, type Unit } from '@/models/classifier/anatomy';
import type { InceptionLayer } from '@/models/inception-v3/layers';
import { registryEntry } from '@/models/registry';
import { keyOf, modelRefFor } from '@/lib/share/model-ref';
import { ChannelGrid, DreamLink } from './Channels';
import { DenoiseResult } from '../_components/digits/Denoise';
import { Probabilities } from '../_components/digits/Probabilities';
import { LayerView } from './LayerView';
import { inspect, UnitInspector } from './UnitInspector';
import type { LabShown } from './lab-recipe';
import type { LabView } from './useLabRuns';

const INCEPTION = registryEntry('inception-v3');

interface Props {
  result: RefObject<HTMLCanvasElement | null>;
  /** the figures that make the picture Save and Share keep */
  figures: RefObject<HTMLDivElement | null>;
  view: LabView | null;
  /** the channel on screen, when it is one */
  feature: LabShown<'feature'> | null;
  /** what the classifier was made to see, when it was */
  seen: LabShown<'see'> | null;
  /** the digit Make it see will aim for */
  target: number;
  classifierTitle: string;
  onChannel: (layer: InceptionLayer, channel: number) => void;
}

/** The digit (or the channel's picture), what the run made of it, and the layers with a unit to hover. */
export function LabResult({ result, figures, view, feature, seen, target, classifierTitle: title, onChannel }: Props) {
  const [hovered, setHovered] = useState<Unit | null>(null);
  const layers = view?.kind === 'layers' ? view.layers : null;
  const inspection = layers && hovered ? inspect(hovered, layers) : null;
  const field = hovered && receptiveField(hovered.layer, hovered.y, hovered.x);
  const gain = view?.kind === 'feature' && view.end !== null && (view.end / Math.max(1e-6, view.start)).toFixed(1);
  return (
    <div className="flex flex-wrap items-start gap-8">
      <div ref={figures} className="flex flex-wrap items-start gap-6">
        <figure className="space-y-2">
          <div className="relative h-56 w-56">
            <canvas
              data-testid="result"
              ref={result}
              width={28}
              height={28}
              className={`h-56 w-56 rounded-lg bg-black ${
                view?.kind === 'feature' ? '' : '[image-rendering:pixelated]'
              }`}
            />
            {field && layers && (
              // 8 screen px per input pixel (224 / 28).
              <div
                data-testid="receptive-field"
                data-size={`${field.bottom - field.top + 1}x${field.right - field.left + 1}`}
                className="pointer-events-none absolute border-2 border-accent bg-accent/20"
                style={{
                  top: field.top * 8,
                  left: field.left * 8,
                  height: (field.bottom - field.top + 1) * 8,
                  width: (field.right - field.left + 1) * 8,
                }}
              />
            )}
          </div>
          <figcaption className="max-w-56 text-xs text-muted">
            {field && layers
              ? 'every pixel this unit can see, through the layers below it: ' +
                `${field.bottom - field.top + 1}x${field.right - field.left + 1}`
              : view?.kind === 'feature' && feature
                ? `grown from noise until InceptionV3's ${feature.layer} channel ${feature.channel} fires hard`
                : view?.kind === 'denoise'
                  ? 'your digit, as drawn'
                  : view?.kind === 'see'
                    ? { drawing: 'your digit', blank: 'a black square', noise: 'noise' }[seen?.start ?? 'drawing'] +
                      `, its pixels changed step by step until the network sees ${seen?.target ?? target}`
                    : 'the 28x28 pixels the network reads; hover a feature map to open one of its units'}
          </figcaption>
          {inspection && <UnitInspector inspection={inspection} />}
          {view?.kind === 'see' && (
            <div className="w-56 space-y-3">
              <p className="text-xs text-muted">{title}:</p>
              <Probabilities values={view.probabilities} testId="seen" />
              <p className="text-xs text-muted">and another network trained the same way (seed 2), as a judge:</p>
              <Probabilities values={view.judged} testId="judged" />
            </div>
          )}
        </figure>
        {view?.kind === 'denoise' && <DenoiseResult denoised={view} />}
        {view?.kind === 'feature' && feature && (
          <div className="max-w-xl space-y-3 text-sm">
            {view.end !== null && (
              <p data-testid="activation" data-start={view.start} data-end={view.end} className="text-muted">
                the channel&apos;s mean activation: {view.start.toFixed(3)} on the starting noise and{' '}
                {view.end.toFixed(3)} on this image ({gain}x)
              </p>
            )}
            <DreamLink layer={feature.layer} channel={feature.channel} />
            <ChannelGrid
              model={keyOf(INCEPTION)}
              fingerprint={modelRefFor(INCEPTION).fp}
              layer={feature.layer}
              current={feature.channel}
              onPick={(c) => onChannel(feature.layer, c)}
            />
          </div>
        )}
      </div>
      {layers && (
        <div className="min-w-80 flex-1">
          <LayerView layers={layers} feed={inspection?.highlight ?? null} onHover={setHovered} />
        </div>
      )}
    </div>
  );
}

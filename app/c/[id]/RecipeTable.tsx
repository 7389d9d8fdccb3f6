import { picturePresetById, presetCredit } from '@/lib/canvas/picture-presets';
import { type ImageRef, isOwnModelRef, type Recipe } from '@/lib/share/recipe';

/** A picture preset is credited (title, author, year, license); a texture is named. */
const describePreset = (id: string) => {
  const picture = picturePresetById(id);
  return picture ? `“${presetCredit(picture)}” (${picture.license}; ${picture.source})` : `preset “${id}”`;
};

const describeRef = (ref: ImageRef) =>
  ref.kind === 'preset'
    ? describePreset(ref.id)
    : ref.kind === 'shared'
      ? `shared image ${ref.slot + 1}`
      : ref.kind === 'upload'
        ? `upload “${ref.name}”`
        : 'a saved creation';

/** One line per setting, as a person reads it; values are text, so React escapes them. */
function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value && typeof value === 'object' && 'kind' in value) return describeRef(value as ImageRef);
  // A weighted layer or style: "mixed3 × 1", "preset “mosaic” × 1 in a painted region".
  if (value && typeof value === 'object' && 'weight' in value && ('name' in value || 'image' in value)) {
    const { weight, name, image, region } = value as {
      weight: number;
      name?: string;
      image?: ImageRef;
      region?: unknown;
    };
    return `${name ?? describeRef(image!)} × ${describe(weight)}${region ? ' in a painted region' : ''}`;
  }
  if (Array.isArray(value)) return value.map(describe).join(', ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${k} ${describe(v)}`)
      .join(' · ');
  return String(value);
}

export function RecipeTable({ recipe }: { recipe: Recipe }) {
  const { studio: _studio, v: _v, model, ...settings } = recipe;
  return (
    <details open className="rounded-lg border border-line bg-panel">
      <summary className="cursor-pointer px-4 py-2 text-sm text-muted">Recipe</summary>
      <dl
        data-testid="shared-recipe"
        className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 border-t border-line px-4 py-3 text-sm"
      >
        <dt className="text-muted">model</dt>
        <dd className="font-mono text-xs leading-5 text-white">
          {isOwnModelRef(model) ? model.name : model.id} <span className="text-muted">({model.fp.slice(0, 8)})</span>
        </dd>
        {Object.entries(settings).map(([key, value]) => (
          <div key={key} className="contents">
            <dt className="text-muted">{key}</dt>
            <dd className="break-words font-mono text-xs leading-5 text-white">{describe(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

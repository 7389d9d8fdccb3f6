/** A signed value in -1..1 as a colour: warm (amber) positive, cool (sky) negative; stronger is more opaque. */
export function toneColor(tone: number, alpha: number): string {
  const strength = Math.min(1, Math.abs(tone));
  const a = alpha * (0.25 + 0.75 * strength);
  return tone >= 0 ? `rgba(251, 191, 36, ${a})` : `rgba(56, 189, 248, ${a})`;
}

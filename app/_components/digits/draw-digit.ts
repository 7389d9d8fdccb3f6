/** A 28x28 digit in [0, 1] drawn into a canvas (28x28 px; CSS enlarges it with sharp pixels). */
export function drawDigit(pixels: Float32Array, canvas: HTMLCanvasElement) {
  const image = new ImageData(28, 28);
  pixels.forEach((v, i) => {
    const level = Math.round(255 * v);
    image.data.set([level, level, level, 255], i * 4);
  });
  Object.assign(canvas, { width: 28, height: 28 }).getContext('2d')!.putImageData(image, 0, 0);
}

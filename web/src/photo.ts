// A phone's photo made small enough to send on a weak signal: at most 1600 px on its longer side,
// JPEG, lowering the quality until it is under 400 kB (the server keeps at most 1 MiB).

const MAX_SIDE = 1600;
const TARGET_BYTES = 400_000;

/** The photo resized and re-encoded as JPEG in the browser; rejects if the file is not an image it can read. */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  let quality = 0.82;
  let blob = await jpeg(canvas, quality);
  while (blob.size > TARGET_BYTES && quality > 0.35) {
    quality -= 0.12;
    blob = await jpeg(canvas, quality);
  }
  return blob;
}

function jpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', quality));
}

import type { FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Sends `body` as a file to save under `filename`; its type follows the name's extension (else bytes). */
export function download(reply: FastifyReply, filename: string, body: unknown) {
  const ext = filename.slice(filename.lastIndexOf('.') + 1);
  return reply
    .header('content-type', TYPES[ext] ?? 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

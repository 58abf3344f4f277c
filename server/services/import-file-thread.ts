import { answerTasks } from '../../jobs/pool.js';
import { DomainError } from '../errors.js';
import { readCsvSheets, readWorkbook, type RawWorkbook } from './onboarding-workbook.js';
import { checkVenueFile, type VenueFileCheck } from './venue-import.js';

// A thread of the import-file pool (server/plugins/import-files.ts): reading and checking a file of up
// to 20,000 rows (a venue file, a region's workbook) takes the best part of a second or more, which the
// server's event loop would otherwise spend answering no one else.

export type ImportFileTask = { kind: 'venues'; text: string; format: 'csv' | 'geojson' } | { kind: 'workbook'; base64: string } | { kind: 'sheets'; sheets: Partial<Record<string, string>> };

/** A workbook as read, or why it cannot be read (plain data: it crosses back from the thread). */
export type WorkbookRead = { ok: true; workbook: RawWorkbook } | { ok: false; file: { reason: string } };

async function read(task: ImportFileTask): Promise<VenueFileCheck | WorkbookRead> {
  if (task.kind === 'venues') return checkVenueFile(task.text, task.format);
  try {
    return { ok: true, workbook: task.kind === 'workbook' ? await readWorkbook(task.base64) : readCsvSheets(task.sheets) };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'IMPORT_FILE_INVALID') return { ok: false, file: { reason: String(err.params.reason) } };
    throw err;
  }
}

answerTasks(read);

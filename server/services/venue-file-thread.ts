import { answerTasks } from '../../jobs/pool.js';
import { checkVenueFile } from './venue-import.js';

// A thread of the venue-file pool (server/plugins/venue-files.ts): parsing and checking a file of up
// to 20,000 rows takes the best part of a second, which the server's event loop would otherwise spend
// answering no one else.

export interface VenueFileTask {
  text: string;
  format: 'csv' | 'geojson';
}

answerTasks((input: VenueFileTask) => checkVenueFile(input.text, input.format));

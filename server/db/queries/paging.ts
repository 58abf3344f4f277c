/** A page of a list in SQL terms: at most `limit` rows (all when undefined) after `offset`. */
export interface Window {
  limit?: number | undefined;
  offset: number;
}

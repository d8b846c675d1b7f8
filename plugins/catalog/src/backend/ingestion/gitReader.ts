// The part of @portal/git's GitReader the catalog uses, named here so the ingestion code states
// exactly what it needs from a repository.
export type { GitReader, ParsedLocation } from '@portal/git';

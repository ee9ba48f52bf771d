import type { ColumnType } from 'kysely';

export type LetterMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** An uploaded referral letter. `content` is the file itself (at most 5 MB). */
export interface DocumentTable {
  id: string;
  org_code: string;
  uploaded_by: string;
  media_type: LetterMediaType;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DocumentTables {
  documents: DocumentTable;
}

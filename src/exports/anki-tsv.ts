// Writes cards as an Anki text import file (File > Import, "Notes in Plain Text"): header lines
// tell Anki the separator, that fields are HTML and which columns hold what, then one row per
// card with the columns
//   1 note type ("Basic", "Basic (and reversed card)" or "Cloze": Anki's stock note types)
//   2 deck (`::`-separated, created on import if missing)
//   3 GUID (the same as in the .apkg export, so importing either updates the same notes)
//   4 front HTML (Cloze: Text)   5 back HTML (Cloze: Back Extra)   6 tags, space-separated.
// Fields are quoted the way Anki's own CSV reader and exporter do: a field holding a tab, a
// double quote or a line break (or starting with the comment sign `#`) goes between double
// quotes, with its inner quotes doubled.
import { ANKI_NOTETYPES, ankiDeck, ankiFields, ankiGuid, ankiTags } from './apkg.ts';
import type { Card } from './card.ts';

const HEADER = [
  '#separator:tab',
  '#html:true',
  '#notetype column:1',
  '#deck column:2',
  '#guid column:3',
  '#tags column:6',
];

/** A field as the CSV reader Anki uses (tab-delimited, `"` quoting) reads it back. */
function quoteField(field: string): string {
  return /[\t\n\r"]|^#/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** Anki's tab-separated text import file for `cards`, one note a row. */
export function writeAnkiTsv(cards: Card[]): string {
  const rows = cards.map((card) => {
    const [front, back] = ankiFields(card);
    return [ANKI_NOTETYPES[card.kind], ankiDeck(card), ankiGuid(card), front, back, ankiTags(card).join(' ')]
      .map(quoteField)
      .join('\t');
  });
  return `${[...HEADER, ...rows].join('\n')}\n`;
}

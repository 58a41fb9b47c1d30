import { Download } from "lucide-react";

/** The "CSV" link every business card carries: the same table, exact amounts, for a spreadsheet. */
export function CsvLink({ table, what }: { table: string; what: string }) {
  return (
    <a
      href={`/api/business/${table}`}
      download
      aria-label={`${what} CSV`}
      className="inline-flex min-h-11 shrink-0 items-center gap-1 rounded px-2 text-xs font-medium text-accent hover:underline"
      data-testid={`csv-${table}`}
    >
      <Download size={14} aria-hidden /> CSV
    </a>
  );
}

/** A timestamp shown in UTC (operators across time zones read the same value) with the full value on hover. */
export function Time({ value }: { value: Date | null }) {
  if (!value) return <span className="text-muted">never</span>;
  const iso = value.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {iso.slice(0, 16).replace("T", " ")} UTC
    </time>
  );
}

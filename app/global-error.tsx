"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem 1.5rem", textAlign: "center" }}>
        <h1>Something went wrong</h1>
        <p>OpsDeck could not show this page. Reload to try again, or give this reference to whoever is on call:</p>
        <code>ref {error.digest ?? "unknown"}</code>
      </body>
    </html>
  );
}

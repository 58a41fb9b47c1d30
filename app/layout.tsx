import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "OpsDeck", template: "%s · OpsDeck" },
  description: "Operations console for XRP Ledger and EVM platforms",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7f9" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0f14" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme is a cookie so the server renders the right colours on the first paint.
  const theme = (await cookies()).get("opsdeck-theme")?.value;
  const themeClass = theme === "dark" || theme === "light" ? theme : undefined;
  return (
    <html lang="en" className={themeClass}>
      <body className="min-h-dvh font-sans antialiased">{children}</body>
    </html>
  );
}

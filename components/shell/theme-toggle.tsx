"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";

type TTheme = "system" | "light" | "dark";
const NEXT: Record<TTheme, TTheme> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<TTheme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

export function ThemeToggle({ initial }: { initial: TTheme }) {
  const [theme, setTheme] = useState<TTheme>(initial);
  function cycle() {
    const next = NEXT[theme];
    setTheme(next);
    const root = document.documentElement;
    root.classList.remove("light", "dark");
    if (next !== "system") root.classList.add(next);
    document.cookie = `opsdeck-theme=${next}; path=/; max-age=31536000; samesite=lax`;
  }
  const Icon = theme === "dark" ? Moon : theme === "light" ? Sun : Monitor;
  return (
    <button
      type="button"
      onClick={cycle}
      className="inline-flex h-11 w-11 items-center justify-center rounded-md text-muted hover:bg-surface-2 hover:text-fg"
      aria-label={`${LABEL[theme]} (change)`}
      title={LABEL[theme]}
    >
      <Icon size={18} aria-hidden />
    </button>
  );
}

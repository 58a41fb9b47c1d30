import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/daily", label: "Daily check" },
  { href: "/daily/schedule", label: "Scheduled tasks" },
] as const;

export function DailyTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return <SectionTabs label="Daily operations pages" tabs={TABS} current={current} />;
}

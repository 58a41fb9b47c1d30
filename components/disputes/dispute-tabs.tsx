import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/disputes", label: "Queue" },
  { href: "/disputes/watch", label: "RB-04 watch" },
  { href: "/disputes/blacklist", label: "Blacklist" },
  { href: "/disputes/arbitrators", label: "Arbitrators" },
] as const;

export function DisputeTabs({ current, canSee }: { current: (typeof TABS)[number]["href"]; canSee?: (href: string) => boolean }) {
  return <SectionTabs label="Dispute pages" tabs={TABS} current={current} canSee={canSee} />;
}

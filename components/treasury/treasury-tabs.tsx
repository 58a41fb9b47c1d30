import { SectionTabs } from "@/components/ui/section-tabs";

const TABS = [
  { href: "/treasury", label: "Accounts" },
  { href: "/treasury/transfers", label: "Transfers" },
  { href: "/treasury/reconciliation", label: "Fee reconciliation" },
  { href: "/treasury/rotation", label: "Wallet rotation" },
] as const;

export function TreasuryTabs({ current, canSee }: { current: (typeof TABS)[number]["href"]; canSee?: (href: string) => boolean }) {
  return <SectionTabs label="Treasury pages" tabs={TABS} current={current} canSee={canSee} />;
}

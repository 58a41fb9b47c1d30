"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { NavLinks } from "@/components/shell/nav-links";
import type { TNavItem } from "@/lib/nav";

/** Phones: the navigation slides in from the left; a link closes it. */
export function MobileMenu({ items, footer }: { items: TNavItem[]; footer: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger
        className="inline-flex h-11 w-11 items-center justify-center rounded-md text-fg hover:bg-surface-2 lg:hidden"
        aria-label="Open menu"
      >
        <Menu size={22} aria-hidden />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-4 border-r border-border bg-surface p-4 shadow-xl">
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-base font-semibold">OpsDeck</Dialog.Title>
            <Dialog.Close className="inline-flex h-11 w-11 items-center justify-center rounded-md hover:bg-surface-2" aria-label="Close menu">
              <X size={20} aria-hidden />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Navigation</Dialog.Description>
          <nav aria-label="Main" className="flex-1 overflow-y-auto">
            <NavLinks items={items} onNavigate={() => setOpen(false)} />
          </nav>
          <div className="border-t border-border pt-3">{footer}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

"use client";

import { createContext, useContext, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

// Form fields that show the server's field errors next to themselves (from the nearest form).

export const FieldErrorsContext = createContext<Record<string, string[]> | undefined>(undefined);

export const inputClass =
  "mt-1 block min-h-11 w-full rounded-md border border-border bg-bg px-3 text-base text-fg placeholder:text-muted focus:border-accent aria-[invalid=true]:border-crit";

export function FieldError({ name }: { name: string }) {
  const errors = useContext(FieldErrorsContext)?.[name];
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-sm text-crit">
      {errors.join(" ")}
    </p>
  );
}

function useInvalid(name: string) {
  return !!useContext(FieldErrorsContext)?.[name]?.length;
}

export function Field({ label, name, hint, className, ...props }: { label: string; name: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const isInvalid = useInvalid(name);
  return (
    <label className={cn("block text-sm font-medium", className)}>
      {label}
      <input name={name} aria-invalid={isInvalid} aria-describedby={isInvalid ? `${name}-error` : undefined} className={inputClass} {...props} />
      {hint && <span className="mt-1 block text-xs font-normal text-muted">{hint}</span>}
      <FieldError name={name} />
    </label>
  );
}

export function TextArea({ label, name, className, ...props }: { label: string; name: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const isInvalid = useInvalid(name);
  return (
    <label className={cn("block text-sm font-medium", className)}>
      {label}
      <textarea name={name} aria-invalid={isInvalid} rows={3} className={cn(inputClass, "py-2")} {...props} />
      <FieldError name={name} />
    </label>
  );
}

export function Select({ label, name, children, className, ...props }: { label: string; name: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const isInvalid = useInvalid(name);
  return (
    <label className={cn("block text-sm font-medium", className)}>
      {label}
      <select name={name} aria-invalid={isInvalid} className={inputClass} {...props}>
        {children}
      </select>
      <FieldError name={name} />
    </label>
  );
}

export function CheckboxGroup({ legend, name, options, defaultValue = [] }: { legend: string; name: string; options: { value: string; label: string; hint?: string }[]; defaultValue?: string[] }) {
  const field = name.replace(/\[\]$/, "");
  return (
    <fieldset className="text-sm">
      <legend className="font-medium">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-start gap-3 rounded-md border border-border px-3 py-2">
            <input type="checkbox" name={name} value={o.value} defaultChecked={defaultValue.includes(o.value)} className="mt-1 h-4 w-4" />
            <span>
              <span className="font-medium">{o.label}</span>
              {o.hint && <span className="block text-xs text-muted">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError name={field} />
    </fieldset>
  );
}

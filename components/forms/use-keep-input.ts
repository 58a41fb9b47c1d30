"use client";

import { startTransition, useEffect, useRef, type FormEvent } from "react";

/**
 * React resets a form after its action runs, success or not: a refused submit would throw away
 * what someone typed (at 3 a.m., on a phone). This submits the form's data ourselves, so nothing is
 * reset, and clears the form only once the server said yes. Keep `action={…}` on the form as well:
 * before hydration the browser posts through it instead of sending a GET with every field in the URL.
 */
export function useKeepInputUntilDone<TState extends { ok: boolean } | null>(dispatch: (form: FormData, submitter: HTMLElement | null) => void, state: TState) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data, submitter));
  };
  return { ref, onSubmit };
}

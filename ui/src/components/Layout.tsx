import type { ReactNode } from "react";
import type { ContentSlug } from "../router";
import { Illustration, type IllustrationName } from "./Illustration";

export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}

interface ScreenProps {
  slug: ContentSlug;
  title: string;
  lede?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** `data-testid` of the h1 (e.g. `goal-title`). */
  titleTestId?: string | undefined;
}

/** Every screen's root: `<main id="content" data-screen="…">` with one h1. */
export function Screen({ slug, title, lede, actions, children, titleTestId }: ScreenProps) {
  return (
    <main id="content" className="screen" data-screen={slug} tabIndex={-1} aria-labelledby="screen-title">
      <header className="screen__header">
        <div className="screen__titles">
          <h1 id="screen-title" className="screen__title" tabIndex={-1} data-testid={titleTestId}>
            {title}
          </h1>
          {lede !== undefined && <p className="screen__lede">{lede}</p>}
        </div>
        {actions !== undefined && <div className="screen__actions">{actions}</div>}
      </header>
      <div className="screen__body">{children}</div>
    </main>
  );
}

interface EmptyStateProps {
  illustration: IllustrationName;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  aside?: ReactNode;
}

export function EmptyState({ illustration, title, children, actions, aside }: EmptyStateProps) {
  return (
    <section className="empty" data-testid="empty-state" aria-labelledby="empty-title">
      <Illustration name={illustration} />
      <h2 id="empty-title" className="empty__title">
        {title}
      </h2>
      <div className="empty__body">{children}</div>
      {actions !== undefined && <div className="empty__actions">{actions}</div>}
      {aside}
    </section>
  );
}

interface LinkButtonProps {
  href: string;
  children: ReactNode;
  variant?: "primary" | "secondary";
  shortcut?: string;
  testId?: string;
}

export function LinkButton({ href, children, variant = "primary", shortcut, testId }: LinkButtonProps) {
  return (
    <a className={`button button--${variant}`} href={href} data-testid={testId}>
      {children}
      {shortcut !== undefined && <Kbd>{shortcut}</Kbd>}
    </a>
  );
}

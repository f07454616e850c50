// A small menu button (WAI-ARIA menu button pattern) without a dependency: arrow keys move between
// items, Escape or Tab closes, focus goes back to the button.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { cx } from './class-names.ts';

export interface ActionMenuItem {
  label: string;
  /** Receives the menu button so a dialog can give focus back to it. */
  onSelect: (menuButton: HTMLButtonElement) => void;
  tone?: 'danger';
}

export interface ActionMenuProps {
  /** Accessible name of the button, e.g. "Actions for Okta". */
  label: string;
  items: readonly ActionMenuItem[];
  /** Called when the button is hovered or focused: a chance to load what the items open. */
  onPrefetch?: () => void;
}

function focusMenuItem(menu: HTMLElement | null, index: number) {
  const buttons = menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
  if (!buttons?.length) return;
  buttons[(index + buttons.length) % buttons.length]?.focus();
}

export function ActionMenu({ label, items, onPrefetch }: ActionMenuProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const focusItem = (index: number) => focusMenuItem(menuRef.current, index);

  useEffect(() => {
    if (!open) return;
    focusMenuItem(menuRef.current, 0);
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(
      menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [],
    );
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(current - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(buttons.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close();
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  return (
    <div className="action-menu">
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        onPointerEnter={onPrefetch}
        onFocus={onPrefetch}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </svg>
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="action-menu-list"
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={cx('action-menu-item', item.tone === 'danger' && 'is-danger')}
              onClick={() => {
                const button = buttonRef.current;
                close();
                if (button) item.onSelect(button);
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The Stride mark: two rising chevrons on a rounded square (same drawing as icons/source/stride.svg). */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo-mark" width={size} height={size} viewBox="0 0 1024 1024" aria-hidden="true" focusable="false">
      <rect className="logo-mark__tile" x="32" y="32" width="960" height="960" rx="232" />
      <path className="logo-mark__chevron logo-mark__chevron--low" d="M296 734 L512 518 L728 734" />
      <path className="logo-mark__chevron" d="M296 522 L512 306 L728 522" />
    </svg>
  );
}

export function Wordmark() {
  return (
    <span className="wordmark">
      <LogoMark />
      <span className="wordmark__text">Stride</span>
    </span>
  );
}

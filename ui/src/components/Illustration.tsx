// Empty-state illustrations, drawn inline so they follow the theme's CSS
// variables (see .il-* in styles/app.css). Decorative: aria-hidden.

export type IllustrationName =
  | "week"
  | "goals"
  | "goal"
  | "new-goal"
  | "team"
  | "alignment"
  | "kpis"
  | "analytics"
  | "reviews"
  | "skills"
  | "inbox"
  | "lost";

function Week() {
  return (
    <>
      <rect className="il-card" x="42" y="26" width="116" height="92" rx="12" />
      <path className="il-accent-soft" d="M42 38a12 12 0 0 1 12-12h92a12 12 0 0 1 12 12v8H42z" />
      <path className="il-stroke" d="M70 18v16M130 18v16" />
      {[0, 1, 2, 3, 4].map((i) => (
        <rect key={i} className={i === 2 ? "il-accent" : "il-muted"} x={56 + i * 18} y="60" width="12" height="12" rx="3" />
      ))}
      {[0, 1, 2, 3, 4].map((i) => (
        <rect key={i} className="il-muted" x={56 + i * 18} y="82" width="12" height="12" rx="3" />
      ))}
      <circle className="il-accent" cx="150" cy="108" r="16" />
      <path className="il-check" d="M143 108l5 5 9-10" />
    </>
  );
}

function Goals() {
  return (
    <>
      <rect className="il-card" x="30" y="28" width="140" height="26" rx="8" />
      <rect className="il-card" x="30" y="60" width="140" height="26" rx="8" />
      <rect className="il-card" x="30" y="92" width="140" height="26" rx="8" />
      <circle className="il-accent" cx="44" cy="41" r="5" />
      <circle className="il-warn" cx="44" cy="73" r="5" />
      <circle className="il-ok" cx="44" cy="105" r="5" />
      <rect className="il-muted" x="56" y="38" width="54" height="6" rx="3" />
      <rect className="il-muted" x="56" y="70" width="40" height="6" rx="3" />
      <rect className="il-muted" x="56" y="102" width="62" height="6" rx="3" />
      <rect className="il-track" x="122" y="38" width="38" height="6" rx="3" />
      <rect className="il-accent" x="122" y="38" width="26" height="6" rx="3" />
      <rect className="il-track" x="122" y="70" width="38" height="6" rx="3" />
      <rect className="il-warn" x="122" y="70" width="12" height="6" rx="3" />
      <rect className="il-track" x="122" y="102" width="38" height="6" rx="3" />
      <rect className="il-ok" x="122" y="102" width="38" height="6" rx="3" />
    </>
  );
}

function Goal() {
  return (
    <>
      <rect className="il-card" x="30" y="22" width="140" height="100" rx="12" />
      <path className="il-grid" d="M46 100h108M46 78h108M46 56h108" />
      <path className="il-dash" d="M46 104 L154 40" />
      <path className="il-line-accent" d="M46 104 L70 94 L92 88 L112 72 L128 66" />
      {[
        [70, 94],
        [92, 88],
        [112, 72],
        [128, 66],
      ].map(([x, y]) => (
        <circle key={`${x}`} className="il-accent" cx={x} cy={y} r="3.5" />
      ))}
      <path className="il-band" d="M128 66 L154 44 L154 62 Z" />
      <rect className="il-muted" x="46" y="32" width="60" height="6" rx="3" />
    </>
  );
}

function NewGoal() {
  return (
    <>
      <rect className="il-card" x="24" y="30" width="110" height="34" rx="10" />
      <rect className="il-muted" x="36" y="44" width="70" height="6" rx="3" />
      <rect className="il-accent" x="108" y="41" width="2.5" height="12" rx="1" />
      <path className="il-stroke" d="M80 64v14" />
      <rect className="il-card" x="50" y="78" width="124" height="46" rx="10" />
      {[0, 1, 2, 3, 4].map((i) => (
        <g key={i}>
          <circle className={i < 4 ? "il-ok" : "il-warn"} cx={66 + i * 22} cy="94" r="7" />
          <rect className="il-muted" x={60 + i * 22} y="108" width="12" height="5" rx="2.5" />
        </g>
      ))}
      <circle className="il-accent" cx="160" cy="34" r="14" />
      <path className="il-check" d="M160 27v14M153 34h14" />
    </>
  );
}

function Team() {
  return (
    <>
      <rect className="il-card" x="28" y="34" width="144" height="84" rx="12" />
      {[0, 1, 2].map((i) => (
        <g key={i}>
          <circle className={i === 0 ? "il-accent" : "il-accent-soft"} cx={52} cy={54 + i * 24} r="8" />
          <rect className="il-muted" x="68" y={51 + i * 24} width={i === 1 ? 40 : 52} height="6" rx="3" />
          <rect className="il-ok" x="132" y={51 + i * 24} width="8" height="6" rx="3" />
          <rect className={i === 2 ? "il-warn" : "il-ok"} x="142" y={51 + i * 24} width="8" height="6" rx="3" />
          <rect className="il-track" x="152" y={51 + i * 24} width="8" height="6" rx="3" />
        </g>
      ))}
      <circle className="il-accent" cx="100" cy="24" r="12" />
      <path className="il-check" d="M94 28c1.5-3 3.5-4 6-4s4.5 1 6 4M100 21.5v0" />
    </>
  );
}

function Alignment() {
  return (
    <>
      <path className="il-stroke" d="M100 40v14M100 54H54v18M100 54h46v18M54 90v12M54 102H34v6M54 102h20v6M146 90v18" />
      <rect className="il-accent" x="76" y="16" width="48" height="24" rx="7" />
      <rect className="il-card" x="30" y="72" width="48" height="18" rx="6" />
      <rect className="il-card" x="122" y="72" width="48" height="18" rx="6" />
      <rect className="il-accent-soft" x="20" y="108" width="28" height="16" rx="5" />
      <rect className="il-accent-soft" x="60" y="108" width="28" height="16" rx="5" />
      <rect className="il-accent-soft" x="132" y="108" width="28" height="16" rx="5" />
      <path className="il-dash" d="M88 116 C 110 116, 120 100, 132 100" />
      <rect className="il-check-fill" x="88" y="25" width="24" height="5" rx="2.5" />
    </>
  );
}

function Kpis() {
  return (
    <>
      <rect className="il-card" x="24" y="28" width="70" height="40" rx="10" />
      <rect className="il-card" x="106" y="28" width="70" height="40" rx="10" />
      <rect className="il-muted" x="34" y="38" width="30" height="5" rx="2.5" />
      <rect className="il-accent" x="34" y="50" width="44" height="9" rx="3" />
      <rect className="il-muted" x="116" y="38" width="36" height="5" rx="2.5" />
      <rect className="il-ok" x="116" y="50" width="30" height="9" rx="3" />
      <rect className="il-card" x="24" y="78" width="152" height="44" rx="10" />
      <path className="il-line-accent" d="M36 110 L60 102 L84 106 L108 94 L132 96 L164 86" />
    </>
  );
}

function Analytics() {
  return (
    <>
      <rect className="il-card" x="28" y="22" width="144" height="100" rx="12" />
      <path className="il-grid" d="M44 106h112" />
      {[38, 56, 30, 70, 48, 62].map((h, i) => (
        <rect key={i} className={i === 3 ? "il-accent" : "il-accent-soft"} x={50 + i * 18} y={106 - h} width="11" height={h} rx="3" />
      ))}
      <path className="il-dash" d="M44 62h112" />
    </>
  );
}

function Reviews() {
  return (
    <>
      <rect className="il-card" x="48" y="18" width="104" height="108" rx="12" />
      <circle className="il-accent-soft" cx="72" cy="42" r="10" />
      <rect className="il-muted" x="88" y="36" width="44" height="5" rx="2.5" />
      <rect className="il-muted" x="88" y="45" width="30" height="5" rx="2.5" />
      {[0, 1, 2].map((i) => (
        <g key={i}>
          <rect className="il-muted" x="64" y={66 + i * 18} width="34" height="5" rx="2.5" />
          <rect className="il-track" x="104" y={65 + i * 18} width="32" height="7" rx="3.5" />
          <rect className="il-accent" x="104" y={65 + i * 18} width={[26, 18, 30][i] ?? 20} height="7" rx="3.5" />
        </g>
      ))}
    </>
  );
}

function Skills() {
  return (
    <>
      <path className="il-stroke" d="M40 118h120" />
      <rect className="il-accent-soft" x="48" y="90" width="28" height="28" rx="5" />
      <rect className="il-accent-soft" x="82" y="70" width="28" height="48" rx="5" />
      <rect className="il-accent" x="116" y="46" width="28" height="72" rx="5" />
      <path className="il-line-accent" d="M56 80 L92 58 L128 34" />
      <circle className="il-accent" cx="128" cy="30" r="6" />
      <rect className="il-card" x="20" y="22" width="56" height="40" rx="8" />
      <path className="il-stroke" d="M32 34h32M32 42h24M32 50h28" />
    </>
  );
}

function Inbox() {
  return (
    <>
      <path className="il-card" d="M40 70 L58 30 H142 L160 70 V112 a8 8 0 0 1 -8 8 H48 a8 8 0 0 1 -8 -8 Z" />
      <path className="il-accent-soft" d="M40 70 H78 L86 84 H114 L122 70 H160 V112 a8 8 0 0 1 -8 8 H48 a8 8 0 0 1 -8 -8 Z" />
      <rect className="il-muted" x="72" y="42" width="56" height="5" rx="2.5" />
      <rect className="il-muted" x="80" y="54" width="40" height="5" rx="2.5" />
      <circle className="il-accent" cx="150" cy="32" r="9" />
    </>
  );
}

function Lost() {
  return (
    <>
      <circle className="il-card" cx="100" cy="70" r="44" />
      <path className="il-line-accent" d="M100 44 L112 70 L100 96 L88 70 Z" />
      <circle className="il-accent" cx="100" cy="70" r="5" />
    </>
  );
}

const DRAWINGS: Readonly<Record<IllustrationName, () => React.JSX.Element>> = {
  week: Week,
  goals: Goals,
  goal: Goal,
  "new-goal": NewGoal,
  team: Team,
  alignment: Alignment,
  kpis: Kpis,
  analytics: Analytics,
  reviews: Reviews,
  skills: Skills,
  inbox: Inbox,
  lost: Lost,
};

export function Illustration({ name }: { name: IllustrationName }) {
  const Drawing = DRAWINGS[name];
  return (
    <svg className="illustration" viewBox="0 0 200 140" width="200" height="140" aria-hidden="true" focusable="false">
      <ellipse className="il-halo" cx="100" cy="72" rx="96" ry="66" />
      <Drawing />
    </svg>
  );
}

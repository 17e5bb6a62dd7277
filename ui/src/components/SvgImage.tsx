import { useCallback } from "react";

/**
 * A chart drawn by the core (`stride-charts`), shown as an image. The SVG
 * document becomes a blob: URL (the strict CSP allows `img-src blob:`, never
 * inline markup), revoked when the SVG changes or the image unmounts — the ref
 * callback's cleanup (React 19) ties the URL's life to the element.
 */
export function SvgImage({
  svg,
  alt,
  testId,
  className = "chart",
}: {
  svg: string;
  alt: string;
  testId: string;
  className?: string;
}) {
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (img === null) return undefined;
      const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      img.src = url;
      return () => {
        URL.revokeObjectURL(url);
      };
    },
    [svg],
  );
  return <img ref={attach} className={className} alt={alt} data-testid={testId} decoding="async" />;
}

import { useEffect, useRef } from 'react';

/**
 * The customer signs on a canvas with a pen, finger or mouse. The drawing is handed up as a PNG
 * data: URL after each stroke; "Clear" starts over. Optional: keyboard-only intake skips it.
 */
export function SignaturePad({
  value,
  onChange,
  label,
}: {
  value: string | null;
  onChange: (dataUrl: string | null) => void;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  // Clearing from outside (a new intake) wipes the canvas too.
  useEffect(() => {
    if (value !== null) return;
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
  }, [value]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * c.width) / r.width,
      y: ((e.clientY - r.top) * c.height) / r.height,
    };
  };

  return (
    <div className="signature">
      <div className="signature-label" id="signature-label">
        {label}
      </div>
      <canvas
        ref={canvas}
        width={600}
        height={180}
        role="img"
        aria-labelledby="signature-label"
        onPointerDown={(e) => {
          const ctx = e.currentTarget.getContext('2d');
          if (!ctx) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const p = point(e);
          ctx.lineWidth = 2.5;
          ctx.lineCap = 'round';
          ctx.strokeStyle = '#14202b';
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const p = point(e);
          ctx?.lineTo(p.x, p.y);
          ctx?.stroke();
        }}
        onPointerUp={(e) => {
          if (!drawing.current) return;
          drawing.current = false;
          onChange(e.currentTarget.toDataURL('image/png'));
        }}
      />
      <button
        type="button"
        onClick={() => {
          onChange(null);
        }}
        disabled={value === null}
      >
        Clear signature
      </button>
    </div>
  );
}

'use client';
import { useEffect, useState } from 'react';

/** How far through the lesson text the reader has scrolled: a thin bar fixed at the top of the window. */
export function ReadingProgress({ targetId, label }: { targetId: string; label: string }) {
  const [percent, setPercent] = useState(0);
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const { top, height } = target.getBoundingClientRect();
      const read = (window.innerHeight - top) / Math.max(height, 1);
      setPercent(Math.round(Math.min(1, Math.max(0, read)) * 100));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [targetId]);
  return (
    <div
      className="reading-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="reading-progress__bar" style={{ transform: `scaleX(${percent / 100})` }} />
    </div>
  );
}

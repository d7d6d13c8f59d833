import { useEffect, useMemo, useRef, useState } from 'react';

/**
 * Photos of the watch at intake: from files (a phone's pictures, a scanner's images) and from
 * the camera where the machine has one. Each photo can be removed before the ticket is saved.
 */
export function PhotoPicker({
  photos,
  onChange,
  error,
}: {
  photos: readonly Blob[];
  onChange: (photos: readonly Blob[]) => void;
  error?: string | undefined;
}) {
  const [cameraOn, setCameraOn] = useState(false);
  // Only secure contexts (app://, localhost) have mediaDevices; elsewhere it is absent.
  const hasCamera = 'mediaDevices' in navigator;
  const urls = useMemo(() => photos.map((p) => URL.createObjectURL(p)), [photos]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );

  return (
    <div className={`photos${error ? ' has-error' : ''}`}>
      <div className="photo-actions">
        <label className="button">
          Add photos
          <input
            type="file"
            accept="image/*"
            multiple
            className="visually-hidden"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              onChange([...photos, ...files]);
            }}
          />
        </label>
        {hasCamera ? (
          <button
            type="button"
            onClick={() => {
              setCameraOn(!cameraOn);
            }}
          >
            {cameraOn ? 'Close camera' : 'Use camera'}
          </button>
        ) : null}
      </div>
      {cameraOn ? (
        <Camera
          onShot={(blob) => {
            onChange([...photos, blob]);
          }}
          onClose={() => {
            setCameraOn(false);
          }}
        />
      ) : null}
      {photos.length > 0 ? (
        <ul className="thumbs">
          {urls.map((url, i) => (
            <li key={url}>
              <img src={url} alt={`Photo ${String(i + 1)}`} />
              <button
                type="button"
                onClick={() => {
                  onChange(photos.filter((_, j) => j !== i));
                }}
              >
                Remove photo {i + 1}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

function Camera({ onShot, onClose }: { onShot: (b: Blob) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        if (cancelled) {
          for (const tr of s.getTracks()) tr.stop();
          return;
        }
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play();
        }
      })
      .catch(() => {
        setProblem('No camera could be opened: add the photos from files instead.');
      });
    return () => {
      cancelled = true;
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, []);

  if (problem !== null) {
    return (
      <p className="notice warn" role="alert">
        {problem}{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </p>
    );
  }
  return (
    <div className="camera">
      <video ref={video} muted playsInline aria-label="Camera preview" />
      <button
        type="button"
        className="primary"
        onClick={() => {
          const v = video.current;
          if (!v || v.videoWidth === 0) return;
          const c = document.createElement('canvas');
          c.width = v.videoWidth;
          c.height = v.videoHeight;
          c.getContext('2d')?.drawImage(v, 0, 0);
          c.toBlob((b) => {
            if (b) onShot(b);
          }, 'image/jpeg');
        }}
      >
        Take photo
      </button>
    </div>
  );
}

/**
 * The camera scan of an entity's code: the rear camera in a dialog, frames decoded by jsQR — loaded only when the
 * officer opens the scanner, so it weighs nothing on the first load. Stops the camera when closed or decoded.
 */
import { Alert, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';

export function QrScanner({
  open,
  onClose,
  onCode,
}: {
  open: boolean;
  onClose: () => void;
  onCode: (text: string) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    setError(null);
    (async () => {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        const tick = () => {
          if (stopped) return;
          const v = video.current;
          if (v && ctx && v.videoWidth > 0) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            ctx.drawImage(v, 0, 0);
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            const found = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
            if (found?.data) {
              onCodeRef.current(found.data);
              return;
            }
          }
          frame = requestAnimationFrame(tick);
        };
        tick();
      } catch {
        if (!stopped) setError('无法打开摄像头：请允许本页面使用摄像头，或直接输入入企码');
      }
    })();
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [open]);

  return (
    <Modal open={open} onCancel={onClose} footer={null} title="扫描入企码" destroyOnHidden>
      {error ? <Alert type="warning" showIcon title={error} /> : null}
      <video ref={video} muted playsInline aria-label="摄像头画面" style={{ width: '100%', borderRadius: 8 }} />
      <Typography.Paragraph type="secondary">将企业张贴的入企码对准取景框</Typography.Paragraph>
    </Modal>
  );
}

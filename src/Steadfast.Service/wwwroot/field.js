// The engineer's phone: where am I, and the customer's signature on a canvas.

export function position() {
  return new Promise(resolve => {
    if (!navigator.geolocation) { resolve(null); return; }
    navigator.geolocation.getCurrentPosition(
      p => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  });
}

const pads = new WeakMap();

export function initSignature(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const rect = canvas.getBoundingClientRect();
  canvas.width = rect.width * ratio;
  canvas.height = rect.height * ratio;
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  ctx.lineWidth = 2.2;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#10213d';
  const state = { drawing: false, strokes: 0 };
  pads.set(canvas, state);
  const at = e => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  canvas.addEventListener('pointerdown', e => {
    state.drawing = true; state.strokes++;
    canvas.setPointerCapture(e.pointerId);
    const [x, y] = at(e); ctx.beginPath(); ctx.moveTo(x, y);
    e.preventDefault();
  });
  canvas.addEventListener('pointermove', e => {
    if (!state.drawing) return;
    const [x, y] = at(e); ctx.lineTo(x, y); ctx.stroke();
    e.preventDefault();
  });
  const end = () => { state.drawing = false; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.style.touchAction = 'none';
}

export function clearSignature(canvas) {
  const ctx = canvas.getContext('2d');
  ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.clearRect(0, 0, canvas.width, canvas.height); ctx.restore();
  const state = pads.get(canvas); if (state) state.strokes = 0;
}

export function signatureData(canvas) {
  const state = pads.get(canvas);
  if (!state || state.strokes === 0) return null;
  // White background: a transparent PNG prints as black on some printers.
  const copy = document.createElement('canvas');
  copy.width = canvas.width; copy.height = canvas.height;
  const c = copy.getContext('2d');
  c.fillStyle = '#ffffff'; c.fillRect(0, 0, copy.width, copy.height);
  c.drawImage(canvas, 0, 0);
  return copy.toDataURL('image/png');
}

"""Draws the Mailbox Connect icon (an envelope with a link badge) at the sizes Tauri needs."""
import sys
from PIL import Image, ImageDraw

def draw(size: int) -> Image.Image:
    s = size / 512
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([16 * s, 16 * s, 496 * s, 496 * s], radius=110 * s, fill=(0, 99, 177, 255))
    # Envelope body and flap.
    d.rounded_rectangle([96 * s, 150 * s, 416 * s, 362 * s], radius=22 * s, fill=(255, 255, 255, 255))
    d.line([(106 * s, 165 * s), (256 * s, 275 * s), (406 * s, 165 * s)], fill=(0, 99, 177, 255), width=max(1, int(22 * s)), joint="curve")
    # Link badge.
    d.ellipse([300 * s, 290 * s, 460 * s, 450 * s], fill=(26, 127, 55, 255), outline=(255, 255, 255, 255), width=max(1, int(14 * s)))
    d.line([(340 * s, 370 * s), (372 * s, 402 * s), (424 * s, 338 * s)], fill=(255, 255, 255, 255), width=max(1, int(20 * s)), joint="curve")
    return img

out = sys.argv[1] if len(sys.argv) > 1 else "icons"
# Every size the Linux desktop (hicolor theme) looks for, Windows' .ico and macOS's .icns.
for name, size in [("icon.png", 512), ("128x128.png", 128), ("128x128@2x.png", 256), ("32x32.png", 32),
                   ("16x16.png", 16), ("24x24.png", 24), ("48x48.png", 48), ("64x64.png", 64), ("256x256.png", 256)]:
    draw(size).save(f"{out}/{name}")
draw(256).save(f"{out}/icon.ico", sizes=[(256, 256), (128, 128), (64, 64), (48, 48), (32, 32), (24, 24), (16, 16)])
draw(1024).save(f"{out}/icon.icns")

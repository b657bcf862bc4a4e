"""Stand-in pictures drawn with Pillow: logos, product shots and the near-copies infringers make."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageEnhance, ImageFont


class ImageMaker:
    """Small product-style pictures drawn with Pillow: stand-in logos, product shots and their near-copies.

    The logos are original drawings standing in for each owner's protected logo (real logos are not
    copied); what matters for the evaluation is that near-copies of a protected picture are recognisable
    and unrelated pictures are not.
    """

    SIZE = 160

    def __init__(self, root: Path) -> None:
        self.root = root
        self.font = ImageFont.load_default()

    def _canvas(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        image = Image.new("RGB", (self.SIZE, self.SIZE), "white")
        return image, ImageDraw.Draw(image)

    @staticmethod
    def _colour(rng: random.Random) -> tuple[int, int, int]:
        return (rng.randint(0, 200), rng.randint(0, 200), rng.randint(0, 200))

    def logo(self, key: str, text: str) -> Image.Image:
        rng = random.Random(f"logo:{key}")
        image, draw = self._canvas()
        colour = self._colour(rng)
        for _ in range(rng.randint(2, 4)):
            x0, y0 = rng.randint(5, 80), rng.randint(5, 70)
            box = (x0, y0, x0 + rng.randint(40, 75), y0 + rng.randint(30, 70))
            shape = rng.choice(["ellipse", "rectangle", "polygon", "arc"])
            if shape == "ellipse":
                draw.ellipse(box, fill=colour)
            elif shape == "rectangle":
                draw.rectangle(box, fill=self._colour(rng))
            elif shape == "polygon":
                draw.polygon([(rng.randint(0, 159), rng.randint(0, 120)) for _ in range(4)], fill=colour)
            else:
                draw.arc(box, rng.randint(0, 180), rng.randint(181, 360), fill=colour, width=8)
        draw.text((12, 132), text[:16], fill=(0, 0, 0), font=self.font)
        return image

    def product(self, key: str, category: str, logo: Image.Image | None = None) -> Image.Image:
        """A product shot: the category's silhouette, placed, scaled and turned at random, with a print."""
        rng = random.Random(f"product:{key}")
        layer = Image.new("RGBA", (self.SIZE, self.SIZE), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        body = (*self._colour(rng), 255)
        if category == "shoes":
            draw.polygon([(15, 110), (40, 60), (95, 55), (145, 100), (150, 120), (15, 125)], fill=body)
            draw.rectangle((15, 120, 150, 132), fill=self._colour(rng))
        elif category in ("bags", "coffee", "home"):
            draw.polygon([(30, 60), (130, 60), (145, 140), (15, 140)], fill=body)
            draw.arc((50, 20, 110, 90), 180, 360, fill=(60, 60, 60), width=6)
        elif category == "watches":
            draw.rectangle((65, 5, 95, 155), fill=self._colour(rng))
            draw.ellipse((35, 45, 125, 115), fill=body, outline=(40, 40, 40), width=5)
        elif category in ("phones", "phone accessories"):
            draw.rounded_rectangle((45, 10, 115, 150), radius=14, fill=body)
            draw.rectangle((52, 22, 108, 132), fill=self._colour(rng))
        else:
            draw.rounded_rectangle((25, 30, 135, 135), radius=20, fill=body)
        for _ in range(rng.randint(3, 6)):  # a print: bold blocks and bands in the product's own colours
            x, y = rng.randint(0, 130), rng.randint(0, 130)
            w, h = rng.randint(20, 70), rng.randint(10, 60)
            if rng.random() < 0.5:
                draw.rectangle((x, y, x + w, y + h), fill=(*self._colour(rng), 255))
            else:
                draw.ellipse((x, y, x + w, y + h), fill=(*self._colour(rng), 255))
        scale = rng.uniform(0.55, 1.0)
        size = int(self.SIZE * scale)
        layer = layer.resize((size, size)).rotate(rng.uniform(-35, 35), expand=False)
        if rng.random() < 0.5:
            layer = layer.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        image, _ = self._canvas()
        image.paste(layer, (rng.randint(0, self.SIZE - size), rng.randint(0, self.SIZE - size)), layer)
        if logo is not None:
            image.paste(logo.resize((48, 48)), (rng.randint(20, 100), rng.randint(20, 100)))
        return image

    def near_copy(self, image: Image.Image, how: str, rng: random.Random) -> Image.Image:
        """The edits infringers make to a copied picture: re-encode, resize, crop, caption, brighten."""
        out = image
        if how == "resize":
            size = rng.choice([96, 120, 200, 240])
            out = image.resize((size, size), Image.Resampling.BILINEAR)
        elif how == "crop":
            m = rng.randint(2, 4)
            out = image.crop((m, m, self.SIZE - m, self.SIZE - rng.randint(2, 4)))
        elif how == "text":
            out = image.copy()
            ImageDraw.Draw(out).text(
                (8, 6), rng.choice(["HOT SALE", "NEW 2026", "包邮", "-70%"]), fill=(220, 0, 0), font=self.font
            )
        elif how == "brighten":
            out = ImageEnhance.Brightness(image).enhance(rng.choice([0.85, 1.15]))
        return out

    def save(self, image: Image.Image, rel: str) -> str:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".jpg"):
            image.convert("RGB").save(path, "JPEG", quality=60, optimize=True)
        else:
            image.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(path, "PNG", optimize=True)
        return rel

//! A plain rasterizer for egui's tessellated output: how a chart becomes pixels without a
//! window or a GPU. Colours are premultiplied sRGB and blend as egui's own renderers blend
//! them (source + destination × (1 − source alpha), in gamma space); edges are smooth
//! because egui feathers them in the meshes themselves.

use std::collections::HashMap;

use egui::epaint::{ClippedPrimitive, Primitive, TextureId, Vertex, textures::TexturesDelta};
use egui::{Color32, ColorImage, ImageData};

/// The textures a frame draws with (egui's font atlas, mostly), kept up to date from each
/// frame's changes.
#[derive(Default)]
pub struct Textures(HashMap<TextureId, ColorImage>);

impl Textures {
    /// Applies a frame's new and changed textures. Freed ones are dropped too: egui frees a
    /// texture only once no later frame draws with it.
    pub fn update(&mut self, mut delta: TexturesDelta) {
        for (id, deltas) in delta.set.drain() {
            for d in deltas {
                let ImageData::Color(image) = &d.image;
                match d.pos {
                    None => {
                        self.0.insert(id, (**image).clone());
                    }
                    Some([x, y]) => {
                        if let Some(target) = self.0.get_mut(&id) {
                            patch(target, image, x, y);
                        }
                    }
                }
            }
        }
        for id in delta.free.drain() {
            self.0.remove(&id);
        }
    }
}

/// Copies `image` into `target` with its top-left corner at (x, y), dropping what falls
/// outside.
fn patch(target: &mut ColorImage, image: &ColorImage, x: usize, y: usize) {
    let [tw, th] = target.size;
    let [w, h] = image.size;
    for row in 0..h.min(th.saturating_sub(y)) {
        let from = row * w;
        let to = (y + row) * tw + x;
        let n = w.min(tw.saturating_sub(x));
        target.pixels[to..to + n].copy_from_slice(&image.pixels[from..from + n]);
    }
}

/// Paints `primitives` (in points) onto an image of `size` pixels filled with `background`,
/// at `pixels_per_point`. Meshes whose texture is unknown, and paint callbacks, are skipped.
pub fn paint(
    primitives: &[ClippedPrimitive],
    textures: &Textures,
    pixels_per_point: f32,
    size: [usize; 2],
    background: Color32,
) -> ColorImage {
    let mut image = ColorImage::filled(size, background);
    for clipped in primitives {
        let Primitive::Mesh(mesh) = &clipped.primitive else {
            continue;
        };
        let Some(texture) = textures.0.get(&mesh.texture_id) else {
            continue;
        };
        let r = clipped.clip_rect;
        let clip = Clip {
            x0: to_pixel(r.min.x * pixels_per_point, size[0]),
            y0: to_pixel(r.min.y * pixels_per_point, size[1]),
            x1: to_pixel(r.max.x * pixels_per_point, size[0]),
            y1: to_pixel(r.max.y * pixels_per_point, size[1]),
        };
        for triangle in mesh.indices.chunks_exact(3) {
            let corner = |i: u32| mesh.vertices.get(i as usize);
            if let (Some(a), Some(b), Some(c)) = (
                corner(triangle[0]),
                corner(triangle[1]),
                corner(triangle[2]),
            ) {
                fill_triangle(&mut image, &clip, texture, pixels_per_point, [a, b, c]);
            }
        }
    }
    image
}

/// A pixel bound, rounded and kept inside `0..=limit`.
fn to_pixel(x: f32, limit: usize) -> usize {
    if x.is_nan() {
        0
    } else {
        (x.round().max(0.0) as usize).min(limit)
    }
}

/// The pixels a mesh may touch: columns `x0..x1`, rows `y0..y1`.
struct Clip {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

/// Twice the signed area of (a, b, p): positive when p is on one side of a→b, negative on
/// the other, zero on the line.
fn edge(a: [f32; 2], b: [f32; 2], p: [f32; 2]) -> f32 {
    (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
}

/// Whether a pixel centre exactly on the edge a→b belongs to this triangle. Of two
/// triangles sharing an edge, exactly one owns it, so no pixel is blended twice.
fn owns(a: [f32; 2], b: [f32; 2]) -> bool {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    dy > 0.0 || (dy == 0.0 && dx < 0.0)
}

fn fill_triangle(
    image: &mut ColorImage,
    clip: &Clip,
    texture: &ColorImage,
    pixels_per_point: f32,
    corners: [&Vertex; 3],
) {
    let mut v = corners;
    let at = |v: &Vertex| [v.pos.x * pixels_per_point, v.pos.y * pixels_per_point];
    let mut p = [at(v[0]), at(v[1]), at(v[2])];
    let mut area = edge(p[0], p[1], p[2]);
    if !area.is_finite() || area == 0.0 {
        return;
    }
    if area < 0.0 {
        v.swap(1, 2);
        p.swap(1, 2);
        area = -area;
    }
    let xs = [p[0][0], p[1][0], p[2][0]];
    let ys = [p[0][1], p[1][1], p[2][1]];
    let lo =
        |s: [f32; 3], min: usize| (s[0].min(s[1]).min(s[2]).floor().max(0.0) as usize).max(min);
    let hi = |s: [f32; 3], max: usize| (s[0].max(s[1]).max(s[2]).ceil().max(0.0) as usize).min(max);
    let (x0, x1) = (lo(xs, clip.x0), hi(xs, clip.x1));
    let (y0, y1) = (lo(ys, clip.y0), hi(ys, clip.y1));
    let own = [owns(p[1], p[2]), owns(p[2], p[0]), owns(p[0], p[1])];
    let width = image.size[0];
    for y in y0..y1 {
        for x in x0..x1 {
            let centre = [x as f32 + 0.5, y as f32 + 0.5];
            let e = [
                edge(p[1], p[2], centre),
                edge(p[2], p[0], centre),
                edge(p[0], p[1], centre),
            ];
            let inside = (0..3).all(|i| e[i] > 0.0 || (e[i] == 0.0 && own[i]));
            if !inside {
                continue;
            }
            let w = e.map(|e| e / area);
            let colour = |c: fn(&Color32) -> u8| {
                w[0] * f32::from(c(&v[0].color))
                    + w[1] * f32::from(c(&v[1].color))
                    + w[2] * f32::from(c(&v[2].color))
            };
            let u = w[0] * v[0].uv.x + w[1] * v[1].uv.x + w[2] * v[2].uv.x;
            let t = w[0] * v[0].uv.y + w[1] * v[1].uv.y + w[2] * v[2].uv.y;
            let texel = sample(texture, u, t);
            let src = [
                colour(Color32::r) * texel[0] / 255.0,
                colour(Color32::g) * texel[1] / 255.0,
                colour(Color32::b) * texel[2] / 255.0,
                colour(Color32::a) * texel[3] / 255.0,
            ];
            let pixel = &mut image.pixels[y * width + x];
            let keep = 1.0 - src[3] / 255.0;
            let blend = |s: f32, d: u8| (s + f32::from(d) * keep).round().clamp(0.0, 255.0) as u8;
            *pixel = Color32::from_rgba_premultiplied(
                blend(src[0], pixel.r()),
                blend(src[1], pixel.g()),
                blend(src[2], pixel.b()),
                blend(src[3], pixel.a()),
            );
        }
    }
}

/// The texture's colour at (u, v) in 0..1, bilinear, edges clamped, as premultiplied
/// channels 0..255.
fn sample(texture: &ColorImage, u: f32, v: f32) -> [f32; 4] {
    let [w, h] = texture.size;
    if w == 0 || h == 0 {
        return [255.0; 4];
    }
    let x = u * w as f32 - 0.5;
    let y = v * h as f32 - 0.5;
    let (fx, fy) = (x - x.floor(), y - y.floor());
    let clamp = |i: f32, n: usize| (i.max(0.0) as usize).min(n - 1);
    let (xa, xb) = (clamp(x.floor(), w), clamp(x.floor() + 1.0, w));
    let (ya, yb) = (clamp(y.floor(), h), clamp(y.floor() + 1.0, h));
    let px = |x: usize, y: usize| texture.pixels[y * w + x].to_array();
    let (a, b, c, d) = (px(xa, ya), px(xb, ya), px(xa, yb), px(xb, yb));
    let mut out = [0.0; 4];
    for (i, o) in out.iter_mut().enumerate() {
        let top = f32::from(a[i]) * (1.0 - fx) + f32::from(b[i]) * fx;
        let bottom = f32::from(c[i]) * (1.0 - fx) + f32::from(d[i]) * fx;
        *o = top * (1.0 - fy) + bottom * fy;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{Mesh, WHITE_UV};
    use egui::{Pos2, Rect, pos2};

    fn white_texture() -> Textures {
        let mut textures = Textures::default();
        textures.0.insert(
            TextureId::default(),
            ColorImage::filled([2, 2], Color32::WHITE),
        );
        textures
    }

    fn rect_mesh(rect: Rect, colour: Color32) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(rect, colour);
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    #[test]
    fn a_rectangle_fills_exactly_its_pixels_at_the_scale() {
        let red = rect_mesh(
            Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 2.0)),
            Color32::RED,
        );
        let image = paint(&[red], &white_texture(), 2.0, [8, 6], Color32::WHITE);
        for y in 0..6 {
            for x in 0..8 {
                let inside = (2..6).contains(&x) && (2..4).contains(&y);
                let want = if inside { Color32::RED } else { Color32::WHITE };
                assert_eq!(image.pixels[y * 8 + x], want, "pixel {x},{y}");
            }
        }
    }

    #[test]
    fn half_transparent_colour_blends_once_even_along_the_shared_diagonal() {
        // A translucent square is two triangles sharing a diagonal through pixel centres.
        let grey = Color32::from_black_alpha(128);
        let square = rect_mesh(Rect::from_min_max(Pos2::ZERO, pos2(4.0, 4.0)), grey);
        let image = paint(&[square], &white_texture(), 1.0, [4, 4], Color32::WHITE);
        let first = image.pixels[0];
        assert!(first.r() > 100 && first.r() < 155, "blended: {first:?}");
        assert!(
            image.pixels.iter().all(|&p| p == first),
            "one blend everywhere"
        );
    }

    #[test]
    fn the_clip_rectangle_is_respected() {
        let mut red = rect_mesh(Rect::from_min_max(Pos2::ZERO, pos2(4.0, 4.0)), Color32::RED);
        red.clip_rect = Rect::from_min_max(Pos2::ZERO, pos2(2.0, 4.0));
        let image = paint(&[red], &white_texture(), 1.0, [4, 4], Color32::WHITE);
        assert_eq!(image.pixels[1], Color32::RED);
        assert_eq!(image.pixels[2], Color32::WHITE);
    }

    #[test]
    fn textures_are_sampled_and_patched() {
        let mut textures = Textures::default();
        let id = TextureId::Managed(7);
        let mut delta = TexturesDelta::default();
        let full = ColorImage::filled([4, 4], Color32::WHITE);
        delta.set.insert(
            id,
            [egui::epaint::ImageDelta::full(full, Default::default())].into(),
        );
        textures.update(delta);
        let mut delta = TexturesDelta::default();
        let blue = ColorImage::filled([2, 4], Color32::BLUE);
        delta.set.insert(
            id,
            [egui::epaint::ImageDelta::partial(
                [2, 0],
                blue,
                Default::default(),
            )]
            .into(),
        );
        textures.update(delta);
        // A rectangle showing the whole texture: white on the left, blue on the right.
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(
            Rect::from_min_max(Pos2::ZERO, pos2(4.0, 4.0)),
            Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        let clipped = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        };
        let image = paint(&[clipped], &textures, 1.0, [4, 4], Color32::BLACK);
        assert_eq!(image.pixels[0], Color32::WHITE);
        assert_eq!(image.pixels[3], Color32::BLUE);
        assert_eq!(
            WHITE_UV,
            Pos2::ZERO,
            "untextured shapes sample the top-left texel"
        );
    }

    #[test]
    fn broken_meshes_are_skipped_not_fatal() {
        let mesh = Mesh {
            indices: vec![0, 1, 9],
            vertices: vec![Vertex::default(); 2],
            ..Default::default()
        };
        let clipped = ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        };
        let image = paint(&[clipped], &white_texture(), 1.0, [2, 2], Color32::WHITE);
        assert!(image.pixels.iter().all(|&p| p == Color32::WHITE));
    }
}

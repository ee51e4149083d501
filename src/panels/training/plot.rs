//! The live training plot (plotters on a canvas): loss above, accuracy below; training curves
//! per sample (smoothed), test points per epoch.

use crate::cnn::model::{EpochRecord, StepRecord};
use crate::components::plot_canvas::PlotCanvas;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The most points drawn per curve.
const MAX_POINTS: usize = 400;
/// Weight of the newest sample in the moving average.
const SMOOTHING: f64 = 0.05;

/// The series of one plot, in samples trained (x) against value (y).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlotData {
    pub train_loss: Vec<(f64, f64)>,
    pub train_acc: Vec<(f64, f64)>,
    pub test_loss: Vec<(f64, f64)>,
    pub test_acc: Vec<(f64, f64)>,
    /// Samples of the whole run (the x range).
    pub total: usize,
    pub max_loss: f64,
}

/// Smooths the per-sample records (exponential moving average) and keeps at most
/// [`MAX_POINTS`] of them; the test points sit at the end of their epoch.
pub fn plot_data(steps: &[StepRecord], epochs: &[EpochRecord], total: usize, per_epoch: usize) -> PlotData {
    let every = steps.len().div_ceil(MAX_POINTS).max(1);
    let (mut loss, mut acc) = (None::<f64>, None::<f64>);
    let mut d = PlotData { total: total.max(1), ..PlotData::default() };
    for (i, s) in steps.iter().enumerate() {
        let l = f64::from(s.loss);
        if !l.is_finite() {
            break;
        }
        let c = if s.correct { 1.0 } else { 0.0 };
        let lv = loss.map_or(l, |m| m + SMOOTHING * (l - m));
        let av = acc.map_or(c, |m| m + SMOOTHING * (c - m));
        (loss, acc) = (Some(lv), Some(av));
        if i % every == every - 1 || i + 1 == steps.len() {
            d.train_loss.push((s.step as f64, lv));
            d.train_acc.push((s.step as f64, av));
        }
    }
    for e in epochs {
        if let Some(t) = &e.test {
            let x = (e.epoch * per_epoch) as f64;
            d.test_loss.push((x, f64::from(t.mean_loss)));
            d.test_acc.push((x, f64::from(t.accuracy)));
        }
    }
    d.max_loss = d
        .train_loss
        .iter()
        .chain(&d.test_loss)
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max)
        .max(0.1)
        * 1.1;
    d
}

/// A tick label that fits the axis: 2500 as "2.5k", 0.25 as "0.25", 1.0 as "1".
fn tick(v: f64) -> String {
    let trim = |s: String| if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    let a = v.abs();
    if a >= 1e6 {
        format!("{}M", trim(format!("{:.1}", v / 1e6)))
    } else if a >= 1e3 {
        format!("{}k", trim(format!("{:.1}", v / 1e3)))
    } else {
        trim(format!("{v:.2}"))
    }
}

fn draw(canvas: HtmlCanvasElement, d: &PlotData) -> Result<(), String> {
    let backend = PlotCanvas::new(canvas).ok_or("no canvas")?;
    let label_font: TextStyle = ("sans-serif", 13).into();
    let legend_text = |a: &str, b: &str| backend.text_size(a, &label_font).0.max(backend.text_size(b, &label_font).0) as i32;
    let labels = [["training loss (smoothed)", "test loss (per epoch)"], ["training accuracy (smoothed)", "test accuracy (per epoch)"]];
    let legend_widths = labels.map(|[a, b]| legend_text(a, b));
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (w, h) = root.dim_in_pixel();
    // About one tick label per 80 px, so a phone's axis does not run its labels together.
    let x_ticks = (w as usize / 80).clamp(3, 11);
    let (top, bottom) = root.split_vertically(h / 2);
    let xmax = d.total as f64;
    let blue = RGBColor(37, 99, 235);
    let red = RGBColor(220, 38, 38);
    let panels = [
        (&top, "Loss", 0.0..d.max_loss, &d.train_loss, &d.test_loss, labels[0]),
        (&bottom, "Accuracy", 0.0..1.0, &d.train_acc, &d.test_acc, labels[1]),
    ];
    for ((area, title, yr, train, test, [tl, el]), text_w) in panels.into_iter().zip(legend_widths) {
        let mut c = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 17))
            .margin(8)
            // Room for the last tick label, centred on the axis end.
            .margin_right(22)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..xmax, yr)
            .map_err(|e| e.to_string())?;
        c.configure_mesh()
            .x_desc("samples trained")
            .x_labels(x_ticks)
            .x_label_formatter(&|x| tick(*x))
            .y_labels(6)
            .y_label_formatter(&|y| tick(*y))
            .label_style(("sans-serif", 13))
            .light_line_style(RGBColor(238, 238, 238))
            .draw()
            .map_err(|e| e.to_string())?;
        c.draw_series(LineSeries::new(train.iter().copied(), blue.stroke_width(2))).map_err(|e| e.to_string())?;
        c.draw_series(LineSeries::new(test.iter().copied(), red.stroke_width(2))).map_err(|e| e.to_string())?;
        c.draw_series(test.iter().map(|&p| Circle::new(p, 4, red.filled()))).map_err(|e| e.to_string())?;
        // The legend, drawn here rather than by plotters, whose legend measures its text in
        // the page's layout (see components/plot_canvas.rs): the loss's top right, the
        // accuracy's bottom right, where the curves are not.
        let (xs, ys) = c.plotting_area().get_pixel_range();
        let (bw, bh) = (text_w + 44, 44);
        // On the narrowest canvas the box may be wider than the plot: it keeps clear of the
        // y axis's labels and overhangs the right instead.
        let x0 = (xs.end - 8 - bw).max(xs.start + 4);
        let y0 = if title == "Loss" { ys.start + 8 } else { ys.end - 8 - bh };
        root.draw(&Rectangle::new([(x0, y0), (x0 + bw, y0 + bh)], WHITE.mix(0.85).filled())).map_err(|e| e.to_string())?;
        root.draw(&Rectangle::new([(x0, y0), (x0 + bw, y0 + bh)], RGBColor(200, 200, 200))).map_err(|e| e.to_string())?;
        let left = label_font.pos(Pos::new(HPos::Left, VPos::Center));
        let (y1, y2) = (y0 + 13, y0 + 31);
        root.draw(&PathElement::new(vec![(x0 + 8, y1), (x0 + 26, y1)], blue.stroke_width(2))).map_err(|e| e.to_string())?;
        root.draw(&Text::new(tl, (x0 + 34, y1), left.clone())).map_err(|e| e.to_string())?;
        root.draw(&Circle::new((x0 + 17, y2), 4, red.filled())).map_err(|e| e.to_string())?;
        root.draw(&Text::new(el, (x0 + 34, y2), left)).map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}

#[derive(Properties, PartialEq)]
pub struct PlotProps {
    pub data: Rc<PlotData>,
    pub canvas: NodeRef,
}

#[function_component(TrainingPlot)]
pub fn training_plot(p: &PlotProps) -> Html {
    {
        let node = p.canvas.clone();
        use_effect_with(p.data.clone(), move |d| {
            if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                // Draw at the size shown, so the text keeps its size on a phone.
                let w = canvas.client_width().clamp(280, 1200) as u32;
                let h = (w * 80 / 100).clamp(380, 560);
                if canvas.width() != w || canvas.height() != h {
                    canvas.set_width(w);
                    canvas.set_height(h);
                }
                if let Err(e) = draw(canvas, d) {
                    web_sys::console::warn_1(&format!("plot: {e}").into());
                }
            }
        });
    }
    html! {
        <canvas ref={p.canvas.clone()} class="tr-plot" width="720" height="440" data-testid="training-plot"
            role="img" aria-label="Training and test loss (top) and accuracy (bottom) against samples trained"></canvas>
    }
}

#[cfg(test)]
mod tests {
    use super::tick;

    #[test]
    fn tick_labels_are_short() {
        let cases = [(0.0, "0"), (0.25, "0.25"), (0.2, "0.2"), (1.0, "1"), (1.5, "1.5"), (250.0, "250"), (1000.0, "1k"), (2500.0, "2.5k"), (10000.0, "10k"), (446516.4, "446.5k"), (2.5e6, "2.5M")];
        for (v, want) in cases {
            assert_eq!(tick(v), want, "{v}");
        }
    }
}

//! Small, pure statistics for the bidding screens (BID-10, BID-11). Every function returns `None`
//! instead of dividing by zero or reading past the data, and ignores nothing silently: non-finite
//! inputs make the result `None`.

/// Arithmetic mean.
pub fn mean(x: &[f64]) -> Option<f64> {
    if x.is_empty() || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    Some(x.iter().sum::<f64>() / x.len() as f64)
}

/// Sample standard deviation (divisor n − 1); needs at least 2 values.
pub fn sample_sd(x: &[f64]) -> Option<f64> {
    if x.len() < 2 {
        return None;
    }
    let m = mean(x)?;
    let ss: f64 = x.iter().map(|v| (v - m) * (v - m)).sum();
    Some((ss / (x.len() - 1) as f64).sqrt())
}

/// Coefficient of variation: sample standard deviation over the mean (mean must be positive).
pub fn cv(x: &[f64]) -> Option<f64> {
    let m = mean(x)?;
    if m <= 0.0 {
        return None;
    }
    Some(sample_sd(x)? / m)
}

/// Quantile `p` in [0, 1] by linear interpolation between order statistics (Hyndman & Fan type 7,
/// the default of R and NumPy). Sorts a copy.
pub fn quantile(x: &[f64], p: f64) -> Option<f64> {
    if x.is_empty() || !(0.0..=1.0).contains(&p) || x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut s = x.to_vec();
    crate::order::sort_by(&mut s, f64::total_cmp);
    let h = (s.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(s.len() - 1);
    Some(s[lo] + (h - lo as f64) * (s[hi] - s[lo]))
}

/// Adjusted Fisher–Pearson sample skewness G1 = n / ((n−1)(n−2)) · Σ((x−m)/s)³ (as Excel SKEW,
/// SAS and Stata's small-sample form); needs 3 values and a positive spread.
pub fn skewness(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 3 {
        return None;
    }
    let m = mean(x)?;
    let s = sample_sd(x)?;
    if s <= 0.0 {
        return None;
    }
    let sum: f64 = x.iter().map(|v| ((v - m) / s).powi(3)).sum();
    Some(n / ((n - 1.0) * (n - 2.0)) * sum)
}

/// Sample excess kurtosis G2 = n(n+1) / ((n−1)(n−2)(n−3)) · Σ((x−m)/s)⁴ − 3(n−1)² / ((n−2)(n−3))
/// (as Excel KURT); needs 4 values and a positive spread. 0 for a normal distribution.
pub fn kurtosis(x: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 4 {
        return None;
    }
    let m = mean(x)?;
    let s = sample_sd(x)?;
    if s <= 0.0 {
        return None;
    }
    let sum: f64 = x.iter().map(|v| ((v - m) / s).powi(4)).sum();
    Some(n * (n + 1.0) / ((n - 1.0) * (n - 2.0) * (n - 3.0)) * sum - 3.0 * (n - 1.0).powi(2) / ((n - 2.0) * (n - 3.0)))
}

/// Tukey's interquartile fences (Q1 − k·IQR, Q3 + k·IQR), usually k = 1.5.
pub fn iqr_fences(x: &[f64], k: f64) -> Option<(f64, f64)> {
    let q1 = quantile(x, 0.25)?;
    let q3 = quantile(x, 0.75)?;
    let iqr = q3 - q1;
    Some((q1 - k * iqr, q3 + k * iqr))
}

/// P(X ≥ k) for X ~ Poisson(λ), computed as 1 − P(X < k) with a stable sum (λ ≥ 0).
pub fn poisson_tail(k: u64, lambda: f64) -> f64 {
    if k == 0 || !lambda.is_finite() {
        return 1.0;
    }
    if lambda <= 0.0 {
        return 0.0;
    }
    // For k far above λ sum the upper tail directly (more accurate when the result is tiny).
    if (k as f64) > lambda {
        let mut term = (-lambda + k as f64 * lambda.ln() - ln_factorial(k)).exp();
        let mut sum = 0.0;
        let mut i = k;
        while term > sum * 1e-16 && i < k + 10_000 {
            sum += term;
            i += 1;
            term *= lambda / i as f64;
        }
        return sum.min(1.0);
    }
    let mut term = (-lambda).exp();
    let mut below = 0.0;
    for i in 0..k {
        below += term;
        term *= lambda / (i + 1) as f64;
    }
    (1.0 - below).clamp(0.0, 1.0)
}

/// ln(n!) (exact sum for small n, Stirling's series above).
pub fn ln_factorial(n: u64) -> f64 {
    if n < 64 {
        return (2..=n).map(|i| (i as f64).ln()).sum();
    }
    let x = n as f64;
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x) - 1.0 / (360.0 * x.powi(3))
}

/// P(S ≥ k) where S is a sum of independent Bernoulli(p_i) (Poisson–binomial), by dynamic
/// programming over the outcomes.
pub fn poisson_binomial_tail(p: &[f64], k: usize) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > p.len() {
        return 0.0;
    }
    let mut dist = vec![0.0f64; p.len() + 1];
    dist[0] = 1.0;
    for (i, &pi) in p.iter().enumerate() {
        let pi = pi.clamp(0.0, 1.0);
        for j in (0..=i + 1).rev() {
            let stay = dist[j] * (1.0 - pi);
            let step = if j > 0 { dist[j - 1] * pi } else { 0.0 };
            dist[j] = stay + step;
        }
    }
    dist[k..].iter().sum::<f64>().clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: [f64; 8] = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn moments_match_hand_computation() {
        // Σx = 40, m = 5; Σ(x−m)² = 32; s = √(32/7).
        assert!(close(mean(&X).unwrap(), 5.0));
        assert!(close(sample_sd(&X).unwrap(), (32.0f64 / 7.0).sqrt()));
        assert!(close(cv(&X).unwrap(), (32.0f64 / 7.0).sqrt() / 5.0));
        // m3 = 42/8, m2 = 4: g1 = 5.25/8 = 0.65625, G1 = g1·√(n(n−1))/(n−2) = 0.65625·√56/6.
        assert!(close(skewness(&X).unwrap(), 0.65625 * 56f64.sqrt() / 6.0));
        // m4 = 356/8 = 44.5: g2 = 44.5/16 − 3 = −0.21875; G2 = ((n+1)g2 + 6)(n−1)/((n−2)(n−3)) = 0.940625.
        assert!(close(kurtosis(&X).unwrap(), 0.940625));
    }

    #[test]
    fn quantiles_type_7() {
        assert!(close(quantile(&[4.0, 1.0, 3.0, 2.0], 0.25).unwrap(), 1.75));
        assert!(close(quantile(&[4.0, 1.0, 3.0, 2.0], 0.75).unwrap(), 3.25));
        assert!(close(quantile(&X, 0.25).unwrap(), 4.0));
        assert!(close(quantile(&X, 0.5).unwrap(), 4.5));
        assert!(close(quantile(&X, 0.75).unwrap(), 5.5));
        assert!(close(quantile(&[7.0], 0.9).unwrap(), 7.0));
        // Q1 = 4, Q3 = 5.5, IQR = 1.5: fences 1.75 and 7.75.
        let (lo, hi) = iqr_fences(&X, 1.5).unwrap();
        assert!(close(lo, 1.75) && close(hi, 7.75));
    }

    #[test]
    fn degenerate_inputs_give_none() {
        assert_eq!(mean(&[]), None);
        assert_eq!(sample_sd(&[1.0]), None);
        assert_eq!(skewness(&[1.0, 1.0, 1.0]), None);
        assert_eq!(kurtosis(&[1.0, 2.0, 3.0]), None);
        assert_eq!(cv(&[0.0, 0.0]), None);
        assert_eq!(quantile(&[1.0, f64::NAN], 0.5), None);
        assert_eq!(quantile(&[1.0], 1.5), None);
        assert_eq!(mean(&[1.0, f64::INFINITY]), None);
    }

    #[test]
    fn symmetric_data_has_zero_skewness() {
        assert!(close(skewness(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap(), 0.0));
        // Uniform 1..5: G2 = −1.2.
        assert!(close(kurtosis(&[1.0, 2.0, 3.0, 4.0, 5.0]).unwrap(), -1.2));
    }

    #[test]
    fn poisson_tails() {
        // P(X ≥ 1; λ) = 1 − e^{−λ}.
        assert!(close(poisson_tail(1, 0.5), 1.0 - (-0.5f64).exp()));
        // P(X ≥ 2; 1) = 1 − 2/e.
        assert!(close(poisson_tail(2, 1.0), 1.0 - 2.0 / std::f64::consts::E));
        // P(X ≥ 3; 0.01) ≈ 0.01³/6 · e^{−0.01}·(1 + 0.01/4 + …).
        let t = poisson_tail(3, 0.01);
        assert!((t / (1e-6 / 6.0) - 1.0).abs() < 0.01, "{t}");
        assert_eq!(poisson_tail(0, 3.0), 1.0);
        assert_eq!(poisson_tail(2, 0.0), 0.0);
        assert!(close(ln_factorial(5), 120f64.ln()));
        assert!((ln_factorial(100) - 363.739_375_555_563_5).abs() < 1e-6);
    }

    #[test]
    fn poisson_binomial() {
        // Two fair coins: P(S ≥ 1) = 3/4, P(S ≥ 2) = 1/4.
        assert!(close(poisson_binomial_tail(&[0.5, 0.5], 1), 0.75));
        assert!(close(poisson_binomial_tail(&[0.5, 0.5], 2), 0.25));
        // All of 0.5, 0.2, 1.0: product 0.1.
        assert!(close(poisson_binomial_tail(&[0.5, 0.2, 1.0], 3), 0.1));
        assert_eq!(poisson_binomial_tail(&[0.5], 2), 0.0);
        assert_eq!(poisson_binomial_tail(&[], 0), 1.0);
    }
}

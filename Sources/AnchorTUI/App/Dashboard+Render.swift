extension Dashboard {
    /// Draws the whole screen for `state`. Pure: the same state gives the same canvas, so the app can skip drawing a
    /// frame equal to the last one. Only the rows and events on screen are laid out.
    ///
    /// - Parameter glyphs: `.ascii` on a terminal without UTF-8.
    public static func render(_ state: AppState, glyphs: GlyphSet = .unicode) -> Canvas {
        var canvas = Canvas(rows: state.size.rows, cols: state.size.cols, glyphs: glyphs)
        let layout = Layout(size: state.size)
        guard layout.fits else {
            TooSmallPanel.draw(&canvas, state)
            return canvas
        }
        HeaderPanel.draw(&canvas, state, layout.header)
        SummaryCards.draw(&canvas, state, layout.cards)
        PositionsTable.draw(&canvas, state, layout)
        LogPane.draw(&canvas, state, layout)
        Footer.draw(&canvas, state, layout.footer)
        switch state.overlay {
        case .none, .filter:
            break
        case .help:
            HelpOverlay.draw(&canvas, state)
        case .confirm(let dialog):
            ConfirmDialogView.draw(&canvas, dialog, state)
        case .running(let key):
            if let run = state.runs[key] {
                RunningDialogView.draw(&canvas, run, state)
            }
        case .resume(let dialog):
            ResumeDialogView.draw(&canvas, dialog, state)
        case .quit(let dialog):
            QuitDialogView.draw(&canvas, dialog, state)
        case .positionDetail(let key):
            DetailOverlay.drawPosition(&canvas, key, state)
        case .eventDetail(let event):
            DetailOverlay.drawEvent(&canvas, event, state)
        case .accountDetail(let account, let check):
            DetailOverlay.drawAccount(&canvas, account, check, state)
        }
        return canvas
    }
}

import ParapetCore
import ParapetFacts
import ParapetGraph
import ParapetSyntax
import Testing
